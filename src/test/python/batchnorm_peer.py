# The numpy peer of scratch.BatchNorm: prints the literals BatchNormTest expects.  python3 src/test/python/batchnorm_peer.py
import numpy as np
np.set_printoptions(precision=17)
# The book's BatchNormalization (ch6 common/layers.py), 2-D input, with DL4J's eps 1e-5 and running stats init (mean 0, var 1), momentum = decay 0.9
class BatchNormalization:
    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None, eps=1e-5):
        self.gamma, self.beta, self.momentum = gamma, beta, momentum
        self.running_mean, self.running_var, self.eps = running_mean, running_var, eps
    def forward(self, x, train_flg=True):
        if train_flg:
            mu = x.mean(axis=0); xc = x - mu; var = np.mean(xc**2, axis=0); std = np.sqrt(var + self.eps)
            xn = xc / std
            self.batch_size = x.shape[0]; self.xc = xc; self.xn = xn; self.std = std
            self.running_mean = self.momentum * self.running_mean + (1-self.momentum) * mu
            self.running_var = self.momentum * self.running_var + (1-self.momentum) * var
        else:
            xc = x - self.running_mean; xn = xc / np.sqrt(self.running_var + self.eps)
        return self.gamma * xn + self.beta
    def backward(self, dout, mean_term=True):
        dbeta = dout.sum(axis=0); dgamma = np.sum(self.xn * dout, axis=0)
        dxn = self.gamma * dout; dxc = dxn / self.std
        dstd = -np.sum((dxn * self.xc) / (self.std * self.std), axis=0)
        dvar = 0.5 * dstd / self.std
        dxc += (2.0 / self.batch_size) * self.xc * dvar
        dmu = np.sum(dxc, axis=0)
        dx = dxc - dmu / self.batch_size if mean_term else dxc
        self.dgamma, self.dbeta = dgamma, dbeta
        return dx
x = np.array([[1.0, -2.0, 0.5], [3.0, 0.0, -1.5], [-0.5, 4.0, 2.0], [2.5, 1.0, 0.0]])
gamma = np.array([1.5, 0.5, -2.0]); beta = np.array([0.1, -0.2, 0.3])
dout = np.array([[0.2, -0.1, 0.4], [-0.3, 0.5, 0.1], [0.6, 0.2, -0.2], [0.1, -0.4, 0.3]])
bn = BatchNormalization(gamma, beta, running_mean=np.array([0.2, -0.1, 0.0]), running_var=np.array([1.0, 2.0, 0.5]))
y = bn.forward(x, True)
print("y", repr(y.ravel()))
dx = bn.backward(dout)
print("dx", repr(dx.ravel())); print("dgamma", repr(bn.dgamma)); print("dbeta", repr(bn.dbeta))
dx0 = bn.backward(dout, mean_term=False); print("dx_no_mean", repr(dx0.ravel()))
print("running_mean", repr(bn.running_mean)); print("running_var", repr(bn.running_var))
print("infer", repr(bn.forward(x, False).ravel()))

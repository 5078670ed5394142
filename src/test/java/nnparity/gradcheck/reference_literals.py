"""Expected values for ReferenceLossTest and DoubleDoubleTest, computed with mpmath at 50 digits.
The inputs are exact doubles (dyadic rationals or float() of a decimal), so mpmath and Java see
the same numbers; DL4J's constants are rounded to double (hardsigmoid's slope to float, as DL4J's
native op does). Run: python3 reference_literals.py"""
import struct
from mpmath import mp, mpf, exp, log, tanh, fabs
mp.dps = 50

def f32(x):
    return struct.unpack('f', struct.pack('f', x))[0]

SLOPE = mpf(f32(0.2))
ALPHA_LEAKY = mpf(0.01)
LAM = mpf(float('1.0507009873554804934193349852946'))
ALP = mpf(float('1.6732632423543772848170429916717'))

def sig(z): return 1 / (1 + exp(-z))
def act(name, z):
    if name == 'relu': return z if z > 0 else mpf(0)
    if name == 'leakyrelu': return z if z >= 0 else ALPHA_LEAKY * z
    if name == 'elu': return z if z >= 0 else exp(z) - 1
    if name == 'selu': return LAM * z if z > 0 else LAM * ALP * (exp(z) - 1)
    if name == 'softplus': return log(1 + exp(z))
    if name == 'softsign': return z / (1 + fabs(z))
    if name == 'sigmoid': return sig(z)
    if name == 'hardsigmoid': return min(mpf(1), max(mpf(0), SLOPE * z + mpf(0.5)))
    if name == 'tanh': return tanh(z)
    if name == 'hardtanh': return min(mpf(1), max(mpf(-1), z))
    if name == 'swish': return z * sig(z)
    if name == 'cube': return z ** 3
    if name == 'identity': return z
    raise ValueError(name)

ACTS = ['relu', 'leakyrelu', 'elu', 'selu', 'softplus', 'softsign', 'sigmoid', 'hardsigmoid', 'tanh', 'hardtanh', 'swish', 'cube', 'identity']

def fmt(v):
    return mp.nstr(v, 36, min_fixed=-1, max_fixed=-1) if v != 0 else "0"

print("// activations at z = -3, -0.7, -1e-3, 0.3, 1.7, 4")
ZS = [-3.0, -0.7, -1e-3, 0.3, 1.7, 4.0]
for a in ACTS:
    print('{"%s", %s},' % (a, ", ".join('"%s"' % fmt(act(a, mpf(z))) for z in ZS)))

print("// softplus at")
for z in [-40.0, -3.5, -1e-5, 0.0, 2.25, 38.0]:
    print('{%r, "%s"},' % (z, fmt(log(1 + exp(mpf(z))))))

# the small net of ReferenceLossTest: 3 -> 4 -> 3 -> 3, batch 2, parameters k/8, inputs k/4
import random
rnd = random.Random(7)
def grid(n, scale): return [rnd.randint(-8, 8) / scale for _ in range(n)]
X = grid(6, 4)
W1, B1 = grid(12, 8), grid(4, 8)
W2, B2 = grid(12, 8), grid(3, 8)
W3, B3 = grid(9, 8), grid(3, 8)
print("X =", X); print("W1 =", W1); print("B1 =", B1); print("W2 =", W2); print("B2 =", B2); print("W3 =", W3); print("B3 =", B3)
LAYERS = [(3, 4, W1, B1), (4, 3, W2, B2), (3, 3, W3, B3)]

def forward(hidden_acts, scale=1, out_scale=None):
    a = [[mpf(v) for v in X[r*3:(r+1)*3]] for r in range(2)]
    for k, (nin, nout, W, B) in enumerate(LAYERS):
        sc = out_scale if (k == 2 and out_scale is not None) else scale
        z = [[mpf(B[j]) * sc + sum(a[r][i] * mpf(W[i*nout+j]) * sc for i in range(nin)) for j in range(nout)] for r in range(2)]
        if k < 2:
            a = [[act(hidden_acts[k], v) for v in row] for row in z]
    return z

def row_loss(loss, out_act, z, y, clip, descended=False):
    if loss in ('mcxent', 'nll'):
        m = max(z); lse = log(sum(exp(v - m) for v in z))
        s = mpf(0)
        for k in range(len(z)):
            if y[k] == 0: continue
            lp = z[k] - m - lse
            if clip > 0:
                p = exp(lp)
                if p < clip: lp = log(mpf(clip))
                elif p > 1 - mpf(clip): lp = log(1 - mpf(clip))
            s -= y[k] * lp
        return s
    if loss == 'xent':
        s = mpf(0)
        for k in range(len(z)):
            p = sig(z[k])
            c = min(max(p, mpf(clip)), 1 - mpf(clip)) if clip > 0 else p
            if c == p:  # -log sig(z) = softplus(-z), -log(1 - sig(z)) = softplus(z): no cancellation
                s += y[k] * log(1 + exp(-z[k])) + (1 - y[k]) * log(1 + exp(z[k]))
                continue
            s -= y[k] * log(c) + (1 - y[k]) * log(1 - c)
            if descended:  # DL4J's gradient (c - y)/(c(1 - c)) * sig'(z) integrates to K * (sig(z) - c) beyond the clip
                s += (c - y[k]) / (c * (1 - c)) * (p - c)
        return s
    yh = [act(out_act, v) for v in z]
    if loss == 'mse': return sum((yh[k] - y[k]) ** 2 for k in range(len(z))) / len(z)
    if loss == 'l1': return sum(fabs(yh[k] - y[k]) for k in range(len(z)))

Y = [[0, 0, 1], [1, 0, 0]]
def data(loss, out_act, hidden, clip, minibatch=True, scale=1, descended=False, out_scale=None, labels=None):
    z = forward(hidden, scale, out_scale)
    s = sum(row_loss(loss, out_act, z[r], (labels or Y)[r], clip, descended) for r in range(2))
    return s / 2 if minibatch else s

def penalty(regs, wdlr=None, scale=1):
    # regs per layer: (l1, l2, l1b, l2b, wd, wdb, timesLr); wdlr: the lr for wd / lr when not timesLr (objective)
    tot = mpf(0)
    for (nin, nout, W, B), (l1, l2, l1b, l2b, wd, wdb, tl) in zip(LAYERS, regs):
        for vals, c1, c2, cwd in ((W, l1, l2, wd), (B, l1b, l2b, wdb)):
            cw = mpf(cwd) if (tl or wdlr is None) else mpf(cwd) / mpf(wdlr)
            tot += mpf(c1) * sum(fabs(mpf(v) * scale) for v in vals) + (mpf(c2) + cw) / 2 * sum((mpf(v) * scale) ** 2 for v in vals)
    return tot

print("// every hidden activation, mcxent: score (clipped), objective (unclipped)")
for a in ACTS:
    print('{"%s", "%s", "%s"},' % (a, fmt(data('mcxent', 'softmax', [a, a], 1e-10)), fmt(data('mcxent', 'softmax', [a, a], 0))))
print("// every loss, tanh then elu: score (clipped), objective (unclipped)")
for loss, oa, clip in [('mcxent', 'softmax', 1e-10), ('nll', 'softmax', 1e-10), ('mse', 'identity', 0), ('l1', 'identity', 0), ('xent', 'sigmoid', 1e-5), ('mse', 'tanh', 0), ('l1', 'hardtanh', 0)]:
    print('{"%s", "%s", "%s", "%s"},' % (loss, oa, fmt(data(loss, oa, ['tanh', 'elu'], clip)), fmt(data(loss, oa, ['tanh', 'elu'], 0))))
print("// miniBatch off, mse, tanh then elu")
print(fmt(data('mse', 'identity', ['tanh', 'elu'], 0, minibatch=False)))
REGS = [(0.01, 0.02, 0.03, 0.04, 0.05, 0.06, True), (0.0, 0.001, 0, 0, 0, 0, True), (0.002, 0, 0, 0, 0.003, 0, True)]
REGS_NOLR = [(r[0], r[1], r[2], r[3], r[4], r[5], False) for r in REGS]
d = data('mcxent', 'softmax', ['tanh', 'elu'], 1e-10)
print("// regularized, per layer, wd x lr: score = objective")
print(fmt(d + penalty(REGS)))
print("// wd not x lr, lr = 0.1: score, objective")
print(fmt(d + penalty(REGS_NOLR)), fmt(d + penalty(REGS_NOLR, wdlr=0.1)))
print("// clip binding: parameters x 16, mcxent score, objective; xent score, objective (clip continued linearly), unclipped")
print(fmt(data('mcxent', 'softmax', ['tanh', 'elu'], 1e-10, scale=16)), fmt(data('mcxent', 'softmax', ['tanh', 'elu'], 0, scale=16)))
print(fmt(data('xent', 'sigmoid', ['tanh', 'elu'], 1e-5, scale=16)), fmt(data('xent', 'sigmoid', ['tanh', 'elu'], 1e-5, scale=16, descended=True)),
      fmt(data('xent', 'sigmoid', ['tanh', 'elu'], 0, scale=16)))
z = forward(['tanh', 'elu'], 16)
print("z_L x16:", [[mp.nstr(v, 8) for v in row] for row in z])
p = [[exp(v - max(row)) / sum(exp(u - max(row)) for u in row) for v in row] for row in z]
print("p x16:", [[mp.nstr(v, 5) for v in row] for row in p])

print("// expm1, log1p at -1e-20, 3e-9, -0.25, 0.3, 2")
from mpmath import expm1, log1p
for a in [-1e-20, 3e-9, -0.25, 0.3, 2.0]:
    print(a, '"%s"' % fmt(expm1(mpf(a))), '"%s"' % fmt(log1p(mpf(a))))

print("// the other side of each clip: labels (1,0,0) twice, x16 (p of a label above 1 - 1e-10); xent with the output layer x -16 (sigmoid below 1e-5)")
Y1 = [[1, 0, 0], [1, 0, 0]]
print(fmt(data('mcxent', 'softmax', ['tanh', 'elu'], 1e-10, scale=16, labels=Y1)), fmt(data('mcxent', 'softmax', ['tanh', 'elu'], 0, scale=16, labels=Y1)))
print(fmt(data('xent', 'sigmoid', ['tanh', 'elu'], 1e-5, out_scale=-16)), fmt(data('xent', 'sigmoid', ['tanh', 'elu'], 1e-5, out_scale=-16, descended=True)))
print("z_L x-16 out:", [[mp.nstr(v, 6) for v in row] for row in forward(['tanh', 'elu'], 1, -16)])

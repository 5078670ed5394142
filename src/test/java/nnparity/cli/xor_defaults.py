"""How --task xor's defaults were chosen (PointTask.XOR): the xor net in numpy, float64.

Usage: python3 xor_defaults.py N_TRAIN N_HELDOUT BATCH LR STEPS INIT ACTIVATIONS
  e.g. python3 xor_defaults.py 500 1000 50 1 500 xavier relu,sigmoid,tanh,identity   (the defaults)
       python3 xor_defaults.py 500 1000 50 0.1 500 normal relu,sigmoid,tanh          (the tutorial's init and lr)
Prints the held-out accuracy for seeds 0..9 per activation. Its own data draw (numpy's RNG, not
java.util.Random), so it checks the defaults' robustness, not the harness's exact figures.
2 -> 50 -> 2, softmax + cross-entropy, plain SGD on the mean loss; init normal = 0.01 N(0,1),
xavier = N(0, 2/(nIn+nOut)); points uniform in [-2,2]^2, redrawn within 0.1 of an axis.
"""
import numpy as np, sys, itertools
def data(n, rng):
    out=[]
    while len(out)<n:
        x,y=rng.uniform(-2,2,2)
        if abs(x)<0.1 or abs(y)<0.1: continue
        out.append((x,y))
    X=np.array(out); t=((X[:,0]>0)!=(X[:,1]>0)).astype(int)
    return X,t
acts={'relu':(lambda z:np.maximum(0,z), lambda z,a:(z>0)*1.0),
      'sigmoid':(lambda z:1/(1+np.exp(-z)), lambda z,a:a*(1-a)),
      'tanh':(np.tanh, lambda z,a:1-a*a),
      'identity':(lambda z:z, lambda z,a:np.ones_like(z))}
def run(act, n, m, B, lr, steps, init, seed):
    rng=np.random.default_rng(seed)
    X,t=data(n,rng); Xt,tt=data(m,rng)
    if init=='normal': W1=0.01*rng.standard_normal((2,50)); W2=0.01*rng.standard_normal((50,2))
    else: W1=rng.standard_normal((2,50))*np.sqrt(2/52); W2=rng.standard_normal((50,2))*np.sqrt(2/52)
    b1=np.zeros(50); b2=np.zeros(2)
    f,df=acts[act]; T=np.eye(2)[t]
    s=0
    while s<steps:
        perm=rng.permutation(n)
        for i in range(0,n,B):
            idx=perm[i:i+B]; x=X[idx]; y=T[idx]
            z=x@W1+b1; a=f(z); o=a@W2+b2; o-=o.max(1,keepdims=True); p=np.exp(o); p/=p.sum(1,keepdims=True)
            d=(p-y)/len(idx); gW2=a.T@d; gb2=d.sum(0); da=d@W2.T*df(z,a); gW1=x.T@da; gb1=da.sum(0)
            W1-=lr*gW1; b1-=lr*gb1; W2-=lr*gW2; b2-=lr*gb2
            s+=1
            if s>=steps: break
    z=Xt@W1+b1; o=f(z)@W2+b2
    return (o.argmax(1)==tt).mean()
n,m,B,lr,steps,init=int(sys.argv[1]),int(sys.argv[2]),int(sys.argv[3]),float(sys.argv[4]),int(sys.argv[5]),sys.argv[6]
for act in sys.argv[7].split(","):
    accs=[run(act,n,m,B,lr,steps,init,s) for s in range(10)]
    print(act, ' '.join('%.3f'%a for a in accs))

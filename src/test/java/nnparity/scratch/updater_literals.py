"""Expected values for UpdaterRulesTest and BookFormTest: each DL4J 1.0.0-M2.1 updater rule written
afresh in numpy (float64) from DL4J's documented/native formulas, and the book's ch6
common/optimizer.py forms, run on the same three gradients. Run: python3 updater_literals.py
(numpy only). The DL4J rows were also checked against DL4J's own GradientUpdater.applyUpdater on
the same inputs (nd4j-api 1.0.0-M2.1 jar): they agree to the last digit printed."""
import numpy as np

G = [np.array([0.5, -1.5, 0.0]), np.array([0.25, 2.0, -0.125]), np.array([-0.75, 0.5, 1e-3])]

def run(rule, state):
    ups = []
    for t, g in enumerate(G):
        ups.append(rule(g.copy(), state, t))
    return ups, state

def sgd(lr):
    return lambda g, s, t: lr * g

def nesterovs(lr, mu):
    def r(g, s, t):
        v_old = s['v'].copy()
        s['v'] = mu * v_old - lr * g
        return mu * v_old - (1 + mu) * s['v']
    return r

def adam(lr, b1, b2, eps):
    def r(g, s, t):
        s['m'] = b1 * s['m'] + (1 - b1) * g
        s['v'] = b2 * s['v'] + (1 - b2) * g * g
        a = lr * np.sqrt(1 - b2 ** (t + 1)) / (1 - b1 ** (t + 1))
        return a * s['m'] / (np.sqrt(s['v']) + eps)
    return r

def adamax(lr, b1, b2, eps):
    def r(g, s, t):
        s['m'] = b1 * s['m'] + (1 - b1) * g
        s['u'] = np.maximum(b2 * s['u'], np.abs(g)) + 1e-32
        return (lr / (1 - b1 ** (t + 1))) * s['m'] / s['u']
    return r

def nadam(lr, b1, b2, eps):
    def r(g, s, t):
        s['m'] = b1 * s['m'] + (1 - b1) * g
        s['v'] = b2 * s['v'] + (1 - b2) * g * g
        return lr * ((b1 * s['m'] + (1 - b1) * g) / (1 - b1 ** (t + 1))) / (np.sqrt(s['v']) + eps)
    return r

def amsgrad(lr, b1, b2, eps):
    def r(g, s, t):
        s['m'] = b1 * s['m'] + (1 - b1) * g
        s['v'] = b2 * s['v'] + (1 - b2) * g * g
        s['vHat'] = np.maximum(s['vHat'], s['v'])
        a = lr * np.sqrt(1 - b2 ** (t + 1)) / (1 - b1 ** (t + 1))
        return a * s['m'] / (np.sqrt(s['vHat']) + eps)
    return r

def adagrad(lr, eps):
    def r(g, s, t):
        s['h'] = s['h'] + g * g
        return lr * g / (np.sqrt(s['h']) + eps)
    return r

def rmsprop(lr, rho, eps):
    def r(g, s, t):
        s['h'] = rho * s['h'] + (1 - rho) * g * g
        return lr * g / (np.sqrt(s['h']) + eps)
    return r

def adadelta(rho, eps):
    def r(g, s, t):
        s['msg'] = rho * s['msg'] + (1 - rho) * g * g
        u = g * np.sqrt(s['msdx'] + eps) / np.sqrt(s['msg'] + eps)
        s['msdx'] = rho * s['msdx'] + (1 - rho) * u * u
        return u
    return r

def noop():
    return lambda g, s, t: g

z = lambda: np.zeros(3)
cases = [
    ('Sgd', 0.1, sgd(0.1), {}),
    ('Nesterovs', 0.1, nesterovs(0.1, 0.9), {'v': z()}),
    ('Adam', 0.01, adam(0.01, 0.9, 0.999, 1e-8), {'m': z(), 'v': z()}),
    ('AdaMax', 0.01, adamax(0.01, 0.9, 0.999, 1e-8), {'m': z(), 'u': z()}),
    ('Nadam', 0.01, nadam(0.01, 0.9, 0.999, 1e-8), {'m': z(), 'v': z()}),
    ('AMSGrad', 0.01, amsgrad(0.01, 0.9, 0.999, 1e-8), {'m': z(), 'v': z(), 'vHat': z()}),
    ('AdaGrad', 0.1, adagrad(0.1, 1e-6), {'h': np.full(3, 1e-6)}),
    ('RmsProp', 0.1, rmsprop(0.1, 0.95, 1e-8), {'h': np.full(3, 1e-8)}),
    ('AdaDelta', float('nan'), adadelta(0.95, 1e-6), {'msg': z(), 'msdx': z()}),
    ('NoOp', float('nan'), noop(), {}),
]

def lit(a):
    return '{' + ', '.join(repr(float(x)) for x in a) + '}'

for name, lr, rule, st in cases:
    ups, st = run(rule, st)
    print(f'// {name}, lr {lr}')
    print('updates:', ', '.join(lit(u) for u in ups))
    for k, v in st.items():
        print(f'state {k}:', lit(v))

# The book's forms (DLfS ch6 common/optimizer.py), the same gradients, theta starting at 0.
def book_nesterov(lr, mu):
    v, th = z(), z()
    for g in G:
        v *= mu; v -= lr * g
        th += mu * mu * v; th -= (1 + mu) * lr * g
    return th

def dl4j_theta(rule, st):
    th = z()
    for t, g in enumerate(G):
        th -= rule(g.copy(), st, t)
    return th

def book_adam(lr, b1, b2, eps):
    m, v, th = z(), z(), z()
    for it, g in enumerate(G, 1):
        lr_t = lr * np.sqrt(1.0 - b2 ** it) / (1.0 - b1 ** it)
        m += (1 - b1) * (g - m); v += (1 - b2) * (g ** 2 - v)
        th -= lr_t * m / (np.sqrt(v) + eps)
    return th

def book_adagrad(lr, eps):
    h, th = z(), z()
    for g in G:
        h += g * g; th -= lr * g / (np.sqrt(h) + eps)
    return th

def book_rmsprop(lr, rho, eps):
    h, th = z(), z()
    for g in G:
        h *= rho; h += (1 - rho) * g * g; th -= lr * g / (np.sqrt(h) + eps)
    return th

print('// book forms, theta after 3 steps (book, DL4J, book - DL4J)')
for name, b, d in [
    ('Nesterov lr 0.1 mu 0.9', book_nesterov(0.1, 0.9), dl4j_theta(nesterovs(0.1, 0.9), {'v': z()})),
    ('Adam lr 0.01 eps 1e-8 both', book_adam(0.01, 0.9, 0.999, 1e-8), dl4j_theta(adam(0.01, 0.9, 0.999, 1e-8), {'m': z(), 'v': z()})),
    ('AdaGrad lr 0.1 eps 1e-6 both', book_adagrad(0.1, 1e-6), dl4j_theta(adagrad(0.1, 1e-6), {'h': np.full(3, 1e-6)})),
    ('RMSprop lr 0.1 rho 0.95 eps 1e-8 both', book_rmsprop(0.1, 0.95, 1e-8), dl4j_theta(rmsprop(0.1, 0.95, 1e-8), {'h': np.full(3, 1e-8)})),
]:
    print(name, 'book', lit(b), 'dl4j', lit(d), 'diff', lit(b - d))

# AdaMax's guard: g = [1e-33, 0] is below DL4J's 1e-32 added to u, first update (t = 0), lr 0.01.
s = {'m': np.zeros(2), 'u': np.zeros(2)}
up = adamax(0.01, 0.9, 0.999, 1e-8)(np.array([1e-33, 0.0]), s, 0)
print('// AdaMax below the guard: update', lit(up), 'u', lit(s['u']))

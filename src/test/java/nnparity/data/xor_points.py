"""Peer for XorDataTest: java.util.Random written out in Python, and the xor task's draw.

Prints, for seed 42, the first two and the last of the 1000 held-out points, the first 4 training
points with their classes, the quadrant task's first point (QuadrantDataTest pins it too), and
the best accuracy any straight line gets on the held-out set (1,440 directions, every threshold).
"""
# java.util.Random, independently, and the xor task's draw rule: uniform in [-2,2]^2, redrawn within 0.1 of an axis
M=(1<<48)-1
class JR:
    def __init__(s,seed): s.s=(seed ^ 0x5DEECE66D) & M
    def nxt(s,bits):
        s.s=(s.s*0x5DEECE66D+0xB)&M
        r=s.s>>(48-bits)
        if r>=1<<31: r-=1<<32
        return r
    def d(s): return ((s.nxt(26)<<27)+s.nxt(27))*2.0**-53
def pts(r,n):
    out=[]
    while len(out)<n:
        x=(r.d()*2-1)*2.0; y=(r.d()*2-1)*2.0
        if abs(x)<0.1 or abs(y)<0.1: continue
        out.append((x,y))
    return out
r=JR(42); h=pts(r,1000); t=pts(r,4)
print("heldout first", [repr(v) for v in h[0]], [repr(v) for v in h[1]], "last", [repr(v) for v in h[999]])
for p in t: print(repr(p[0]),repr(p[1]), 0 if (p[0]<0)==(p[1]<0) else 1)
# check quadrant seed 42 first point for sanity
r=JR(42); print(pts(r,1))
# best linear classifier accuracy on the held-out set, brute force over directions and offsets
import math
H=h; lab=[0 if (x<0)==(y<0) else 1 for x,y in H]
best=0
for k in range(1440):
    a=math.pi*k/720; c,s_=math.cos(a),math.sin(a)
    proj=sorted((c*x+s_*y, l) for (x,y),l in zip(H,lab))
    # threshold sweep: predict 1 above threshold
    ones_above=sum(l for _,l in proj); zeros_below=0; n=len(proj)
    acc=ones_above+0  # threshold below all: all predicted 1 -> correct = #ones
    best=max(best,acc)
    for v,l in proj:
        if l==1: ones_above-=1
        else: zeros_below+=1
        best=max(best,ones_above+zeros_below)
print("best line", best, "of", len(H), "class1", sum(lab))

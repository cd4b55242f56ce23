#!/usr/bin/env python3
"""A reference model of optimal DPOR (wakeup trees), the harness's search.

The harness's search (harness/src/dpor.cc) implements this algorithm on weft's dependence
relation, with processes and objects named the same in every execution
(harness/src/stable_names.h), on one worker or several sharing the trees (dpor_tree.h). This
model states the algorithm on the synthetic programs of tests/harness/dpor_search_test.cc
(processes that never block; each event a read or write of one object) and checks it against
a brute-force count of traces:

  - a race e < e' (dependent, different processes, no event ordered between them) is analysed
    as e' runs (or, the published way, once the execution is maximal: both are checked here);
  - v = the events after e that do not happen after it, up to e', then e';
  - v is inserted into the wakeup tree of the node before e unless a process asleep or explored
    there is a weak initial of v (its first event in v has no predecessor in v, or it has none
    in v and its next event commutes with all of v);
  - insertion: the first tree node in post-order (leftmost, deepest first) whose sequence is
    compatible with v — every event of the sequence is an initial of what is left of v, or
    commutes with all of it — takes the rest of v as a new rightmost branch, unless it is a
    leaf (then v is covered);
  - a node explores its tree's branches leftmost first, passing each branch's subtree down as
    the wakeup tree of the node below (still reachable from the node above while it runs);
    an explored branch leaves the tree and its process joins the node's sleep set.

Run: harness/design/odpor_model.py [--programs N] [--seed S] [--at-end]
It prints how many programs lost traces, ran one twice, or cut an execution short (all 0).
"""
import argparse
import itertools
import random


def dep(a, b):  # an event: (process, index, object, 'r' or 'w')
    return a[0] == b[0] or (a[2] == b[2] and 'w' in (a[3], b[3]))


def happens_before(E):
    n = len(E)
    hb = [[False] * n for _ in range(n)]
    for j in range(n):
        for i in reversed(range(j)):  # hb[k][j] for k > i is known before hb[i][j]
            hb[i][j] = dep(E[i], E[j]) or any(hb[i][k] and hb[k][j] for k in range(i + 1, j))
    return hb


def canonical(E):  # a trace's representative: always the lowest process that can run
    hb, done, out = happens_before(E), [False] * len(E), []
    for _ in E:
        ready = [j for j in range(len(E))
                 if not done[j] and all(done[i] for i in range(j) if hb[i][j])]
        j = min(ready, key=lambda j: E[j][0])
        done[j] = True
        out.append(E[j][0])
    return tuple(out)


def run_order(program, order):
    at, E = [0] * len(program), []
    for p in order:
        obj, kind = program[p][at[p]]
        E.append((p, at[p], obj, kind))
        at[p] += 1
    return E


def all_traces(program):
    order = [p for p, events in enumerate(program) for _ in events]
    return {canonical(run_order(program, o)) for o in set(itertools.permutations(order))}


def initials(seq):
    hb = happens_before(seq)
    return {e[0] for j, e in enumerate(seq)
            if all(seq[i][0] != e[0] for i in range(j)) and not any(hb[i][j] for i in range(j))}


def commutes(event, seq):
    return all(not dep(event, x) for x in seq)


def rest_after(u, w):  # what is left of w once the sequence u ran first; None: incompatible
    rest = list(w)
    for a in u:
        if a[0] in initials(rest):
            rest.remove(next(e for e in rest if e[0] == a[0]))
        elif any(e[0] == a[0] for e in rest) or not commutes(a, rest):
            return None
    return rest


class Branch:
    def __init__(self, event):
        self.event, self.next = event, []


def post_order(node, path):
    for child in node.next:
        yield from post_order(child, path + [child.event])
    yield node, path


def insert(root, v):
    for node, path in post_order(root, []):
        rest = rest_after(path, v)
        if rest is None:
            continue
        if node.next or node is root:
            for e in rest:
                node.next.append(Branch(e))
                node = node.next[-1]
        return


def explore(program, at_end):
    n = len(program)
    stats = {'complete': 0, 'cut': 0, 'traces': []}
    nodes = []  # per position of the running execution: its state, sleep set and tree

    def next_event(at, p):
        return (p, at[p]) + tuple(program[p][at[p]]) if at[p] < len(program[p]) else None

    def analyse(E, only_last):
        hb = happens_before(E)
        for j in ([len(E) - 1] if only_last else range(len(E))):
            for i in range(j):
                if E[i][0] == E[j][0] or not dep(E[i], E[j]):
                    continue
                if any(hb[i][k] and hb[k][j] for k in range(i + 1, j)):
                    continue
                node = nodes[i]
                v = [E[k] for k in range(i + 1, j) if not hb[i][k]] + [E[j]]
                weak = initials(v) | {q for q in range(n) if all(e[0] != q for e in v)
                                      and next_event(node['at'], q) is not None
                                      and commutes(next_event(node['at'], q), v)}
                if not node['sleep'] & weak:
                    insert(node['tree'], v)

    def visit(at, E, sleep, tree):
        if E and not at_end:
            analyse(E, only_last=True)
        enabled = [p for p in range(n) if next_event(at, p) is not None]
        if not enabled:
            stats['complete'] += 1
            stats['traces'].append(canonical(E))
            if at_end:
                analyse(E, only_last=False)
            return
        if not tree.next:
            awake = [p for p in enabled if p not in sleep]
            if not awake:
                stats['cut'] += 1
                return
            tree = Branch(None)
            tree.next.append(Branch(next_event(at, awake[0])))
        node = {'at': list(at), 'sleep': set(sleep), 'tree': tree}
        nodes.append(node)
        while tree.next:
            branch = tree.next[0]
            p = branch.event[0]
            event = next_event(at, p)
            below = Branch(None)
            below.next = branch.next  # shared: still reachable from here while it runs
            at2 = list(at)
            at2[p] += 1
            visit(at2, E + [event], {q for q in node['sleep'] if not dep(event, next_event(at, q))},
                  below)
            node['sleep'].add(p)
            tree.next.pop(0)
        nodes.pop()

    visit([0] * n, [], set(), Branch(None))
    return stats


def random_program(rng):
    processes, objects, total, program = rng.randint(2, 4), rng.randint(1, 3), 0, []
    for p in range(processes):
        length = max(1, min(rng.randint(1, 3), 8 - total - (processes - p - 1)))
        program.append([('o%d' % rng.randint(0, objects - 1), 'w' if rng.randint(0, 2) == 0 else 'r')
                        for _ in range(length)])
        total += length
    return program


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--programs', type=int, default=300, help='random programs (default 300)')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--at-end', action='store_true',
                    help='analyse races once an execution is maximal, not as each event runs')
    args = ap.parse_args()
    if args.programs < 0:
        ap.error('--programs must be 0 or more')
    rng = random.Random(args.seed)
    lost = twice = cut = 0
    behind_a_sleeper = [[('o2', 'w'), ('o0', 'r'), ('o1', 'w')],
                        [('o0', 'w'), ('o2', 'r'), ('o2', 'r')], [('o2', 'r')]]
    for program in [behind_a_sleeper] + [random_program(rng) for _ in range(args.programs)]:
        s = explore(program, args.at_end)
        ran = set(s['traces'])
        lost += ran != all_traces(program)
        twice += len(ran) != s['complete']
        cut += s['cut'] > 0
    print('%d programs: %d lost traces, %d ran one twice, %d cut an execution short'
          % (args.programs + 1, lost, twice, cut))
    return 1 if lost or twice or cut else 0


if __name__ == '__main__':
    raise SystemExit(main())

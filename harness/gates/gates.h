// The exactness gates: small programs whose number of Mazurkiewicz traces is known, so an
// exhaustive exploration must run exactly that many executions to their end. Each is also
// registered by name (gates.cc) for weft-explore and the benchmarks.
//
//   program            what it does                                         traces
//   counter_NxK        N tasks, each K times: lock m; x = x + 1; unlock m;   (NK)! / (K!)^N
//                      each then sends on its own done channel, main
//                      receives from every done channel
//   ainc_N             N tasks, one fetch_add each on one atomic             N!
//   own_vars_N         N tasks, each writes only its own var                 1
//   buffered_senders_N N tasks send once into one channel of capacity N,    N!
//                      then wg.done(); main waits, then drains it
//   select_two_ready   main fills two buffered channels, then selects        2
//   lock_rounds_2xR    2 tasks, R rounds of lock/unlock on one mutex         (2R)! / (R!)^2
//   lock_rounds_after  the same with an unused weft::after(1h) pending       same as without
//   spawners_N         N tasks, each: fetch_add on atomic n, then spawn a      (N+1)!/2 * (N-1)!
//                      child that passes a value through a channel of its
//                      own and adds it to n (the first child) or to m (the
//                      others). Tasks and objects are made in an order that
//                      differs from one execution to the next, and the
//                      children differ: a search must know them by name
#pragma once

#include <cstddef>
#include <cstdint>

namespace weft::gates {

void counter(int tasks, int rounds);
void ainc(int tasks);
void own_vars(int tasks);
void buffered_senders(int tasks);
void select_two_ready();
void lock_rounds(int rounds, bool with_unused_timer);
void spawners(int tasks);

// The number of traces each has (the table above), for the tests.
std::uint64_t counter_traces(int tasks, int rounds);
std::uint64_t factorial(int n);

}  // namespace weft::gates

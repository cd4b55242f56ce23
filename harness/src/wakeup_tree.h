// Wakeup trees (Abdulla, Aronis, Jonsson, Sagonas, "Optimal dynamic partial order reduction",
// POPL 2014): at a node of the search, the sequences of events still to be explored from
// there, in order (leftmost first). Each branch is one event: the process that makes it, the
// options it takes at the choices inside it (which ready case a select runs), and what it
// touches.
//
// A tree outlives the execution that built it, so what a branch touches must name the same
// objects in every execution that reaches it: footprints hold object NAMES, which the model
// runtime gives from an object's creation (the process that made it, and how many it had made
// before), and processes are named the same way from their spawn (model_runtime.h).
// Invariant: a branch's footprint is what its event touches when the sequence from the tree's
// node down to it runs (every such run reaches one state: the events before it are one trace).
#pragma once

#include <cstdint>
#include <vector>

#include "footprint.h"
#include "strategy.h"

namespace weft::harness {

struct WutBranch {
  Process process;
  Footprint footprint;                 // of the process's event at this point of the sequence
  std::vector<std::uint32_t> options;  // taken at the choices inside the event, in order
  std::vector<WutBranch> next;         // the rest of the sequences through it, in order
};

}  // namespace weft::harness

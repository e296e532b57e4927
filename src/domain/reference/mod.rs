//! Reference content: factors, phases, side effects, candidates, sources.

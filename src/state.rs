//! Application state and actions. (STUB: to be implemented.)

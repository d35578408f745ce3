//! Frame geometry and lane packing. (STUB: to be implemented.)

//! Drawing with plotters. (STUB: to be implemented.)

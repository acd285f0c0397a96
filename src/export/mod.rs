//! Exports: one module per format, all fed by the same document model.

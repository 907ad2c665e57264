//! josekit interop suite for jot; see tests/.

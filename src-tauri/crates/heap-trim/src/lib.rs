//! glibc keeps memory a program freed in its heaps, to reuse it; after one large piece of work (10,000
//! trackers read, stored and sent to the window) that is tens of MiB the app no longer needs.
//! [`trim`] hands it back to the system. Elsewhere (macOS, Windows, musl) it does nothing. Its effect
//! is measured by tests/footprint.sh (the app's memory with 10,000 trackers shown).

/// Returns the free memory at the top of glibc's heaps to the system; `true` when some was.
pub fn trim() -> bool {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[allow(unsafe_code)]
    // SAFETY: malloc_trim takes no pointer and only releases memory that no allocation holds.
    unsafe {
        libc::malloc_trim(0) == 1
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    false
}

// Clang thread-safety annotations (-Wthread-safety), empty on other compilers.
//
// They let the compiler check that a field is only touched with its lock held, and they
// document the locking protocol where a comment would rot.
#pragma once

#if defined(__clang__)
#define WEFT_TSA(x) __attribute__((x))
#else
#define WEFT_TSA(x)
#endif

#define WEFT_CAPABILITY(name) WEFT_TSA(capability(name))
#define WEFT_SCOPED_CAPABILITY WEFT_TSA(scoped_lockable)
#define WEFT_GUARDED_BY(x) WEFT_TSA(guarded_by(x))
#define WEFT_PT_GUARDED_BY(x) WEFT_TSA(pt_guarded_by(x))
#define WEFT_REQUIRES(...) WEFT_TSA(requires_capability(__VA_ARGS__))
#define WEFT_REQUIRES_SHARED(...) WEFT_TSA(requires_shared_capability(__VA_ARGS__))
#define WEFT_ACQUIRE(...) WEFT_TSA(acquire_capability(__VA_ARGS__))
#define WEFT_ACQUIRE_SHARED(...) WEFT_TSA(acquire_shared_capability(__VA_ARGS__))
#define WEFT_RELEASE(...) WEFT_TSA(release_capability(__VA_ARGS__))
#define WEFT_RELEASE_SHARED(...) WEFT_TSA(release_shared_capability(__VA_ARGS__))
#define WEFT_RELEASE_GENERIC(...) WEFT_TSA(release_generic_capability(__VA_ARGS__))
#define WEFT_TRY_ACQUIRE(...) WEFT_TSA(try_acquire_capability(__VA_ARGS__))
#define WEFT_TRY_ACQUIRE_SHARED(...) WEFT_TSA(try_acquire_shared_capability(__VA_ARGS__))
#define WEFT_EXCLUDES(...) WEFT_TSA(locks_excluded(__VA_ARGS__))
#define WEFT_NO_THREAD_SAFETY_ANALYSIS WEFT_TSA(no_thread_safety_analysis)

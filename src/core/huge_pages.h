#pragma once
// Large buffers (a multi-megabyte config's bytes and value index) are touched page by page right
// after allocation; each 4 KiB page is then one page fault. Asking the kernel for transparent
// huge pages over the buffer's aligned part turns 512 faults into one. Advice only: where THP is
// off, or the range has no aligned 2 MiB, nothing changes.
#include <cstddef>

namespace aic {

void advise_huge_pages(void* data, std::size_t size);

}  // namespace aic

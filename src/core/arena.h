// Per-packet bump allocator: memory is reused packet after packet, so steady-state dissection
// performs no heap allocation.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace netsift {

class Arena {
 public:
  explicit Arena(size_t block_size = 64 * 1024) : block_size_(block_size) {}

  void* alloc(size_t n, size_t align = alignof(std::max_align_t)) {
    size_t pos = (used_ + align - 1) & ~(align - 1);
    if (current_ >= blocks_.size() || pos + n > blocks_[current_].size) {
      next_block(n + align);
      pos = 0;
    }
    used_ = pos + n;
    return blocks_[current_].data.get() + pos;
  }

  std::string_view copy(std::string_view s) {
    char* p = static_cast<char*>(alloc(s.size() + 1, 1));
    if (!s.empty()) std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return {p, s.size()};
  }

  // Forget everything allocated; keep the blocks for the next packet.
  void reset() {
    current_ = 0;
    used_ = 0;
  }

 private:
  struct Block {
    std::unique_ptr<char[]> data;
    size_t size;
  };
  void next_block(size_t need) {
    size_t in_use = blocks_.empty() ? 0 : current_ + 1;  // blocks holding this packet's data
    size_t next = in_use;
    while (next < blocks_.size() && blocks_[next].size < need) ++next;
    if (next == blocks_.size()) {
      // The free blocks too small for this request go: packets asking for ever larger buffers
      // (a PDU re-dissected segment by segment) would otherwise keep one block of every size.
      size_t kept = in_use;
      for (size_t i = in_use; i < blocks_.size(); ++i)
        if (blocks_[i].size >= need) blocks_[kept++] = std::move(blocks_[i]);
      blocks_.resize(kept);
      size_t size = need > block_size_ ? need : block_size_;
      blocks_.push_back({std::make_unique<char[]>(size), size});
      next = blocks_.size() - 1;
    }
    current_ = next;
    used_ = 0;
  }

  size_t block_size_;
  std::vector<Block> blocks_;
  size_t current_ = 0;
  size_t used_ = 0;
};

}  // namespace netsift

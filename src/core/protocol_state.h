// State a protocol keeps across packets, owned by the protocol instead of by core (Wireshark's
// conversation and per-packet proto data, Suricata's state_new/state_free). A protocol
// registers each state type once, beside its dissector, with the scope it lives in:
//
//   kCapture       one per run, in the Session:             pkt.session->state<DnsTransactions>()
//   kConversation  one per transport conversation (TCP connection, UDP flow), in the generic
//                  conversation tables:                       pkt.conversation->state<SshState>()
//   kPacket        per-packet scratch, value-initialised again for every packet:
//                                                             pkt.scratch<TcpPayloadContext>()
//
// Registration gives the type a slot index in its scope; access is by type, a load of that
// index and a vector element: no string or RTTI lookup per packet. A state is created
// (value-initialised) on first access and destroyed with its owner (the Session, the
// conversation when its table evicts it). The registry is written at start-up and read-only
// afterwards, so parallel workers can share it.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <vector>

namespace netsift {

enum class StateScope : uint8_t { kCapture, kConversation, kPacket };

namespace state_detail {

struct Slot {
  StateScope scope = StateScope::kCapture;
  int index = -1;  // -1: not registered
};
// The slot of each registered type (one inline variable per type, shared by all files).
template <class T>
inline Slot slot_of;
inline int slot_counts[3] = {0, 0, 0};

inline int& count(StateScope s) {
  return slot_counts[static_cast<int>(s)];
}

[[noreturn]] inline void unregistered() {
  throw std::logic_error("protocol state used without register_protocol_state");
}

template <class T>
size_t index_in(StateScope scope) {
  const Slot& s = slot_of<T>;
  if (s.index < 0 || s.scope != scope) unregistered();
  return static_cast<size_t>(s.index);
}

struct Box {
  virtual ~Box() = default;
};
template <class T>
struct TypedBox final : Box {
  T value{};
};

}  // namespace state_detail

// Gives `T` a slot in `scope`; call it from the owning protocol's register_<proto>(). A second
// call for the same type (two dissectors sharing a state, as IPv4 and IPv6 reassembly do)
// keeps the first slot.
template <class T>
void register_protocol_state(StateScope scope) {
  state_detail::Slot& s = state_detail::slot_of<T>;
  if (s.index >= 0) {
    if (s.scope != scope) throw std::logic_error("protocol state registered in two scopes");
    return;
  }
  s.scope = scope;
  s.index = state_detail::count(scope)++;
}

// The states of one owner (a Session, a conversation), created on first access.
template <StateScope kScope>
class ProtocolStates {
 public:
  template <class T>
  T& get() {
    size_t i = state_detail::index_in<T>(kScope);
    if (i >= boxes_.size()) boxes_.resize(static_cast<size_t>(state_detail::count(kScope)));
    std::unique_ptr<state_detail::Box>& b = boxes_[i];
    if (!b) b = std::make_unique<state_detail::TypedBox<T>>();
    return static_cast<state_detail::TypedBox<T>&>(*b).value;
  }
  // The state if it was created, else nullptr.
  template <class T>
  T* find() {
    size_t i = state_detail::index_in<T>(kScope);
    if (i >= boxes_.size() || !boxes_[i]) return nullptr;
    return &static_cast<state_detail::TypedBox<T>&>(*boxes_[i]).value;
  }

 private:
  std::vector<std::unique_ptr<state_detail::Box>> boxes_;
};

// Per-packet scratch of one Packet object: a state is reset to its initial value the first time
// it is read in each packet, so nothing is allocated after a type's first packet.
class PacketScratch {
 public:
  void next_packet() { ++generation_; }

  template <class T>
  T& get() {
    size_t i = state_detail::index_in<T>(StateScope::kPacket);
    if (i >= slots_.size())
      slots_.resize(static_cast<size_t>(state_detail::count(StateScope::kPacket)));
    Slot& s = slots_[i];
    if (!s.box) {
      s.box = std::make_unique<state_detail::TypedBox<T>>();
    } else if (s.generation != generation_) {
      static_cast<state_detail::TypedBox<T>&>(*s.box).value = T{};
    }
    s.generation = generation_;
    return static_cast<state_detail::TypedBox<T>&>(*s.box).value;
  }

 private:
  struct Slot {
    std::unique_ptr<state_detail::Box> box;
    uint64_t generation = 0;
  };
  std::vector<Slot> slots_;
  uint64_t generation_ = 0;
};

}  // namespace netsift

// pcapng block types, option codes and fixed sizes (draft-ietf-opsawg-pcapng).
#pragma once

#include <cstdint>

namespace netsift {

inline constexpr uint32_t kBlockShb = 0x0A0D0D0A;             // section header
inline constexpr uint32_t kBlockIdb = 0x00000001;             // interface description
inline constexpr uint32_t kBlockOpb = 0x00000002;             // packet (obsolete)
inline constexpr uint32_t kBlockSpb = 0x00000003;             // simple packet
inline constexpr uint32_t kBlockNrb = 0x00000004;             // name resolution
inline constexpr uint32_t kBlockIsb = 0x00000005;             // interface statistics
inline constexpr uint32_t kBlockEpb = 0x00000006;             // enhanced packet
inline constexpr uint32_t kBlockSystemdJournal = 0x00000009;  // systemd journal export entry
inline constexpr uint32_t kBlockDsb = 0x0000000A;             // decryption secrets
inline constexpr uint32_t kBlockSysdigEvent = 0x00000204;
inline constexpr uint32_t kBlockSysdigEventV2 = 0x00000216;
inline constexpr uint32_t kBlockSysdigEventV2Large = 0x00000221;
inline constexpr uint32_t kBlockCustomCopy = 0x00000BAD;
inline constexpr uint32_t kBlockCustomNoCopy = 0x40000BAD;

inline constexpr uint32_t kByteOrderMagic = 0x1A2B3C4D;
inline constexpr uint32_t kSecretsTlsKeyLog = 0x544c534b;  // "TLSK"

// Block type + two length fields; the SHB adds magic, version and section length.
inline constexpr uint32_t kMinBlockLength = 12;
inline constexpr uint32_t kMinShbLength = 28;

// Option codes.
inline constexpr uint16_t kOptEndOfOpt = 0;
inline constexpr uint16_t kOptComment = 1;
inline constexpr uint16_t kOptIfName = 2;
inline constexpr uint16_t kOptIfDescription = 3;
inline constexpr uint16_t kOptIfTsresol = 9;
inline constexpr uint16_t kOptIfTsoffset = 14;
inline constexpr uint16_t kOptEpbFlags = 2;  // also OPB's pack_flags

// NRB record types.
inline constexpr uint16_t kNrbEnd = 0;
inline constexpr uint16_t kNrbIpv4 = 1;
inline constexpr uint16_t kNrbIpv6 = 2;

}  // namespace netsift

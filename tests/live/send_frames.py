#!/usr/bin/env python3
"""Sends COUNT broadcast Ethernet frames (EtherType 0x88b5, local experimental) out of IFACE as
fast as the socket takes them and prints how many the kernel accepted.

    send_frames.py IFACE COUNT
"""
import socket
import struct
import sys

iface, count = sys.argv[1], int(sys.argv[2])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((iface, 0))
head = b"\xff" * 6 + b"\x02\x00\x00\x00\x00\x01" + b"\x88\xb5"
body = bytes(100)
sent = 0
for i in range(count):
    try:
        s.send(head + struct.pack("!I", i) + body)
        sent += 1
    except OSError:  # the device queue is full: not sent, not counted
        pass
print(sent)

#!/usr/bin/python3
"""Decode neuroencode records with nothing but Python's avro package (Debian: python3-avro).

Values are Avro single-object encoding: 0xC3 0x01, the 8-byte little-endian CRC-64-AVRO fingerprint of
the writer schema's parsing canonical form, then the Avro binary body. Usage:

    ./neuroencode topics schema scores > scores.avsc
    kcat -C -b 127.0.0.1:9092 -t scores -e -q -f '%R%s' | scripts/decode_topic.py scores.avsc
"""
import io
import json
import struct
import sys

import avro.io
import avro.schema

EMPTY = 0xC15D213AA4D7A795
TABLE = []
for i in range(256):
    fp = i
    for _ in range(8):
        fp = (fp >> 1) ^ (EMPTY & -(fp & 1))
    TABLE.append(fp)


def fingerprint(canonical: bytes) -> int:
    fp = EMPTY
    for byte in canonical:
        fp = (fp >> 8) ^ TABLE[(fp ^ byte) & 0xFF]
    return fp


def tensor_values(tensor):
    """A Tensor record's raw little-endian bytes as a flat list of floats."""
    code = "<%d%s" % (len(tensor["data"]) // (4 if tensor["dtype"] == "FLOAT32" else 8),
                      "f" if tensor["dtype"] == "FLOAT32" else "d")
    return list(struct.unpack(code, tensor["data"]))


def plain(value):
    if isinstance(value, dict) and set(value) == {"dtype", "shape", "data"}:
        return {"dtype": value["dtype"], "shape": value["shape"], "values": tensor_values(value)}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, bytes):
        return {"bytes": len(value)}
    return value


def portable(node):
    """Drops Java-only properties ("avro.java.string"), which Python's canonical form would keep."""
    if isinstance(node, dict):
        node = {k: portable(v) for k, v in node.items() if not k.startswith("avro.java")}
        return node["type"] if set(node) == {"type"} and isinstance(node["type"], str) else node
    if isinstance(node, list):
        return [portable(v) for v in node]
    return node


def main():
    schema = avro.schema.parse(json.dumps(portable(json.load(open(sys.argv[1])))))
    expected = fingerprint(schema.canonical_form.encode())
    reader = avro.io.DatumReader(schema)
    stream = sys.stdin.buffer
    while True:
        header = stream.read(4)
        if len(header) < 4:
            break
        (length,) = struct.unpack(">i", header)
        if length < 0:
            print("null")
            continue
        payload = stream.read(length)
        if payload[:2] != b"\xc3\x01":
            raise SystemExit("not Avro single-object encoding")
        (found,) = struct.unpack("<Q", payload[2:10])
        if found != expected:
            raise SystemExit("written with another schema (fingerprint %016x, expected %016x)" % (found, expected))
        record = reader.read(avro.io.BinaryDecoder(io.BytesIO(payload[10:])))
        print(json.dumps(plain(record), allow_nan=True))


if __name__ == "__main__":
    main()

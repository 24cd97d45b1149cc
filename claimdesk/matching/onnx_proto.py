"""A small writer of ONNX models (protocol buffers), so that a graph can be made at run time from
weights already in memory without the `onnx` package (31 MB, not otherwise needed).

Only what a feed-forward graph needs: nodes with int, float and int-list attributes, tensors as
raw little-endian bytes, inputs and outputs with named or fixed dimensions. Field numbers are
those of onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto,
ValueInfoProto); repeated numbers are written unpacked, which every protobuf reader accepts.
tests/unit/test_matching_quantized.py runs graphs written here in ONNX Runtime.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

IR_VERSION = 8  # ONNX 1.10+: what ONNX Runtime 1.1x reads
#: TensorProto.DataType
ELEMENT_TYPES = {
    np.dtype(np.float32): 1,
    np.dtype(np.uint8): 2,
    np.dtype(np.int8): 3,
    np.dtype(np.int64): 7,
    np.dtype(np.float16): 10,
}
# AttributeProto.AttributeType
ATTR_FLOAT, ATTR_INT, ATTR_INTS = 1, 2, 7

Attribute = int | float | Sequence[int]


def varint(value: int) -> bytes:
    """Base-128 varint; negative int64 values as their 64-bit two's complement (10 bytes)."""
    if value < 0:
        value += 1 << 64
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def int_field(number: int, value: int) -> bytes:
    return varint(number << 3) + varint(value)


def bytes_field(number: int, payload: bytes) -> bytes:
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def text_field(number: int, text: str) -> bytes:
    return bytes_field(number, text.encode("utf-8"))


def float_field(number: int, value: float) -> bytes:
    return varint(number << 3 | 5) + struct.pack("<f", value)


def attribute(name: str, value: Attribute) -> bytes:
    """AttributeProto: name 1, f 2, i 3, ints 8, type 20."""
    out = text_field(1, name)
    if isinstance(value, bool | int):
        return out + int_field(3, int(value)) + int_field(20, ATTR_INT)
    if isinstance(value, float):
        return out + float_field(2, value) + int_field(20, ATTR_FLOAT)
    return out + b"".join(int_field(8, int(v)) for v in value) + int_field(20, ATTR_INTS)


def tensor(name: str, array: np.ndarray) -> bytes:
    """TensorProto: dims 1, data_type 2, name 8, raw_data 9 (little-endian)."""
    array = np.ascontiguousarray(array)
    kind = ELEMENT_TYPES[array.dtype]
    dims = b"".join(int_field(1, int(d)) for d in array.shape)
    raw = array.astype(array.dtype.newbyteorder("<"), copy=False).tobytes()
    return dims + int_field(2, kind) + text_field(8, name) + bytes_field(9, raw)


def value_info(name: str, dtype: np.dtype, shape: Sequence[int | str]) -> bytes:
    """ValueInfoProto name 1, type 2 -> TypeProto tensor_type 1 -> elem_type 1, shape 2 ->
    TensorShapeProto dim 1 -> dim_value 1 | dim_param 2."""
    dims = b"".join(
        bytes_field(1, text_field(2, d) if isinstance(d, str) else int_field(1, d)) for d in shape
    )
    tensor_type = int_field(1, ELEMENT_TYPES[np.dtype(dtype)]) + bytes_field(2, dims)
    return text_field(1, name) + bytes_field(2, bytes_field(1, tensor_type))


@dataclass
class GraphBuilder:
    """Collects nodes and initializers; `model()` gives the serialized ModelProto."""

    name: str
    opsets: dict[str, int] = field(default_factory=lambda: {"": 20, "com.microsoft": 1})
    nodes: list[bytes] = field(default_factory=list)
    initializers: list[bytes] = field(default_factory=list)
    inputs: list[bytes] = field(default_factory=list)
    outputs: list[bytes] = field(default_factory=list)
    count: int = 0

    def constant(self, name: str, array: np.ndarray) -> str:
        """A named initializer (weights, shapes); returns its name."""
        self.initializers.append(tensor(name, array))
        return name

    def node(
        self,
        op: str,
        inputs: Sequence[str],
        domain: str = "",
        output: str | None = None,
        **attributes: Attribute,
    ) -> str:
        """Adds one node with one output and returns the output's name ("" input = absent)."""
        out = output or f"{op.lower()}_{self.count + 1}"
        self.node_outputs(op, inputs, [out], domain, **attributes)
        return out

    def node_outputs(
        self,
        op: str,
        inputs: Sequence[str],
        outputs: Sequence[str],
        domain: str = "",
        **attributes: Attribute,
    ) -> list[str]:
        """Adds one node with the named outputs (a Split's parts) and returns them."""
        self.count += 1
        body = b"".join(text_field(1, i) for i in inputs)
        body += b"".join(text_field(2, o) for o in outputs)
        body += text_field(3, f"{op}_{self.count}") + text_field(4, op)
        body += b"".join(bytes_field(5, attribute(k, v)) for k, v in attributes.items())
        if domain:
            body += text_field(7, domain)
        self.nodes.append(body)
        return list(outputs)

    def input(self, name: str, dtype: np.dtype, shape: Sequence[int | str]) -> str:
        self.inputs.append(value_info(name, dtype, shape))
        return name

    def output(self, name: str, dtype: np.dtype, shape: Sequence[int | str]) -> None:
        self.outputs.append(value_info(name, dtype, shape))

    def model(self) -> bytes:
        """ModelProto: ir_version 1, producer_name 2, graph 7, opset_import 8; GraphProto:
        node 1, name 2, initializer 5, input 11, output 12."""
        graph = b"".join(bytes_field(1, n) for n in self.nodes) + text_field(2, self.name)
        graph += b"".join(bytes_field(5, t) for t in self.initializers)
        graph += b"".join(bytes_field(11, v) for v in self.inputs)
        graph += b"".join(bytes_field(12, v) for v in self.outputs)
        opsets = b"".join(
            bytes_field(8, text_field(1, domain) + int_field(2, version))
            for domain, version in self.opsets.items()
        )
        return (
            int_field(1, IR_VERSION) + text_field(2, "claimdesk") + bytes_field(7, graph) + opsets
        )

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A Modbus TCP server with a known register map, for tst_modbus.

Runs Debian's pymodbus (python3-pymodbus) on 127.0.0.1. Usage:

    modbus_server.py [--port N]

--port 0 (the default) picks a free port. Prints "PORT <n>" once it listens, then one line
per request it receives:

    READ fc=<function code> addr=<address> count=<n>
    WRITE fc=<function code> addr=<address> values=<v1>,<v2>,...

Addresses are 0-based protocol addresses (zero_mode). The map (see REGISTERS) is what the
test expects; every table ends early so reads beyond it are refused with exception 2
(illegal data address).
"""

import argparse
import asyncio
import logging
import struct
import sys

try:
    from pymodbus.datastore import (ModbusSequentialDataBlock, ModbusServerContext,
                                    ModbusSlaveContext)
    from pymodbus.server import StartAsyncTcpServer
except ImportError as exc:  # reported by the test as a skip reason
    print(f"NO_PYMODBUS {exc}", flush=True)
    sys.exit(3)


def words_of_float(value, low_word_first=False):
    high, low = struct.unpack(">HH", struct.pack(">f", value))
    return [low, high] if low_word_first else [high, low]


def words_of_int32(value, low_word_first=False):
    high, low = struct.unpack(">HH", struct.pack(">i", value))
    return [low, high] if low_word_first else [high, low]


def words_of_uint32(value):
    return list(struct.unpack(">HH", struct.pack(">I", value)))


def holding_registers():
    regs = [0] * 50                                   # addresses 0-49 exist
    regs[0] = struct.unpack(">H", struct.pack(">h", -1234))[0]  # int16 -1234
    regs[1] = 54321                                   # uint16
    regs[2:4] = words_of_int32(-100000)               # int32, big word order
    regs[4:6] = words_of_int32(-100000, True)         # int32, little word order
    regs[6:8] = words_of_float(230.5)                 # float32, big
    regs[8:10] = words_of_float(49.75, True)          # float32, little
    regs[10] = 2345                                   # scale 0.1, offset -20 -> 214.5
    regs[12:14] = words_of_uint32(3000000000)         # uint32
    regs[20] = 40                                     # writable setpoint, scale 0.5 -> 20.0
    regs[21:23] = words_of_float(1.5)                 # writable float32
    regs[30] = 7                                      # not writable
    return regs


def input_registers():
    regs = [0] * 10                                   # addresses 0-9 exist
    regs[0:2] = words_of_float(12.5)                  # a 4-20 mA current as float32
    regs[2] = 16000                                   # 0.01 scale, -25 offset -> 135.0
    return regs


COILS = [1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]        # addresses 0-15
DISCRETE = [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]     # addresses 0-15
READ_CODES = {1, 2, 3, 4}
WRITE_CODES = {5, 6, 15, 16}


class LoggingContext(ModbusSlaveContext):
    """Reports every request on stdout, so the test can count them."""

    def validate(self, fc_as_hex, address, count=1):
        if fc_as_hex in READ_CODES:
            print(f"READ fc={fc_as_hex} addr={address} count={count}", flush=True)
        return super().validate(fc_as_hex, address, count)

    def setValues(self, fc_as_hex, address, values):
        super().setValues(fc_as_hex, address, values)
        if fc_as_hex in WRITE_CODES:
            text = ",".join(str(int(v)) for v in values)
            print(f"WRITE fc={fc_as_hex} addr={address} values={text}", flush=True)


async def serve(port):
    context = LoggingContext(
        hr=ModbusSequentialDataBlock(0, holding_registers()),
        ir=ModbusSequentialDataBlock(0, input_registers()),
        co=ModbusSequentialDataBlock(0, COILS),
        di=ModbusSequentialDataBlock(0, DISCRETE),
        zero_mode=True)
    server = await StartAsyncTcpServer(
        context=ModbusServerContext(slaves=context, single=True),
        address=("127.0.0.1", port), defer_start=True, allow_reuse_address=True)
    task = asyncio.create_task(server.serve_forever())
    await server.serving
    bound = server.server.sockets[0].getsockname()[1]
    print(f"PORT {bound}", flush=True)
    await task


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    logging.basicConfig(level=logging.CRITICAL)
    try:
        asyncio.run(serve(args.port))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()

// SPDX-License-Identifier: GPL-3.0-or-later
#include "modbusconfig.h"

#include <smollama/names.h>

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace Smollama::Internal {

namespace {

// The translation context of the Modbus plugin's messages (docs/translations.md).
class ModbusConfigTr
{
    Q_DECLARE_TR_FUNCTIONS(ModbusPlugin)
};

// The Modbus application protocol's limits for one read request.
constexpr int s_maxRegistersPerRead = 125;
constexpr int s_maxBitsPerRead = 2000;

QString typeName(ModbusType type)
{
    switch (type) {
    case ModbusType::Int16:
        return QStringLiteral("int16");
    case ModbusType::Uint16:
        return QStringLiteral("uint16");
    case ModbusType::Int32:
        return QStringLiteral("int32");
    case ModbusType::Uint32:
        return QStringLiteral("uint32");
    case ModbusType::Float32:
        return QStringLiteral("float32");
    }
    return {};
}

// The raw range of an integer type.
void rawRange(ModbusType type, double *low, double *high)
{
    switch (type) {
    case ModbusType::Int16:
        *low = -32768;
        *high = 32767;
        return;
    case ModbusType::Uint16:
        *low = 0;
        *high = 65535;
        return;
    case ModbusType::Int32:
        *low = -2147483648.0;
        *high = 2147483647.0;
        return;
    case ModbusType::Uint32:
        *low = 0;
        *high = 4294967295.0;
        return;
    case ModbusType::Float32:
        *low = -double(std::numeric_limits<float>::max());
        *high = double(std::numeric_limits<float>::max());
        return;
    }
}

} // namespace

int ModbusRegister::width() const
{
    if (isBit()) {
        return 1;
    }
    return type == ModbusType::Int16 || type == ModbusType::Uint16 ? 1 : 2;
}

bool ModbusRegister::isInteger() const
{
    return !isBit() && type != ModbusType::Float32 && scale == 1 && offset == 0;
}

QString ModbusDeviceConfig::label() const
{
    return name.isEmpty() ? QStringLiteral("devices[%1]").arg(index)
                          : QStringLiteral("devices[%1] (%2)").arg(index).arg(name);
}

QString ModbusDeviceConfig::endpoint() const
{
    if (sim) {
        return QStringLiteral("simulated");
    }
    if (tcp) {
        return QStringLiteral("%1:%2").arg(host).arg(port);
    }
    return QStringLiteral("%1 (%2 %3%4%5)")
        .arg(serialPort)
        .arg(baud)
        .arg(dataBits)
        .arg(parity.left(1).toUpper())
        .arg(stopBits);
}

QString ModbusConfig::tableName(ModbusTable table)
{
    switch (table) {
    case ModbusTable::Holding:
        return QStringLiteral("holding register");
    case ModbusTable::Input:
        return QStringLiteral("input register");
    case ModbusTable::Coil:
        return QStringLiteral("coil");
    case ModbusTable::Discrete:
        return QStringLiteral("discrete input");
    }
    return {};
}

QString ModbusConfig::registerNumber(ModbusTable table, int address)
{
    QChar prefix;
    switch (table) {
    case ModbusTable::Coil:
        prefix = QLatin1Char('0');
        break;
    case ModbusTable::Discrete:
        prefix = QLatin1Char('1');
        break;
    case ModbusTable::Input:
        prefix = QLatin1Char('3');
        break;
    case ModbusTable::Holding:
        prefix = QLatin1Char('4');
        break;
    }
    // 40001-49999, and the six-digit form 400001-465536 beyond.
    const int number = address + 1;
    const int digits = number <= 9999 ? 4 : 5;
    return prefix + QStringLiteral("%1").arg(number, digits, 10, QLatin1Char('0'));
}

QString ModbusConfig::exceptionName(int code)
{
    switch (code) {
    case 0x01:
        return QStringLiteral("illegal function");
    case 0x02:
        return QStringLiteral("illegal data address");
    case 0x03:
        return QStringLiteral("illegal data value");
    case 0x04:
        return QStringLiteral("server device failure");
    case 0x05:
        return QStringLiteral("acknowledge (the device is still working on it)");
    case 0x06:
        return QStringLiteral("server device busy");
    case 0x07:
        return QStringLiteral("negative acknowledge");
    case 0x08:
        return QStringLiteral("memory parity error");
    case 0x0A:
        return QStringLiteral("gateway path unavailable");
    case 0x0B:
        return QStringLiteral("gateway target device failed to respond");
    default:
        return QStringLiteral("exception code %1").arg(code);
    }
}

Result ModbusConfig::parseRegister(const QJsonValue &value, const ModbusDeviceConfig &device,
                                   int index, ModbusRegister *reg) const
{
    // The config is validated against the schema in plugin.json and carries its defaults
    // (types, enums, bounds, required keys); what is checked here the schema cannot say.
    reg->index = index;
    const QString where = QStringLiteral("%1.registers[%2]").arg(device.label()).arg(index);
    const QJsonObject object = value.toObject();
    reg->name = object.value(QLatin1String("name")).toString();
    const QString label =
        reg->name.isEmpty() ? where : QStringLiteral("%1 (%2)").arg(where, reg->name);
    if (!isValidName(reg->name)) {
        return Result::invalidConfig(
            ModbusConfigTr::tr(
                "%1: the name '%2' cannot be part of a reading id; use lower-case "
                "letters, digits and '_', starting with a letter, such as 'voltage_l1'")
                .arg(label, reg->name));
    }
    reg->sourceId = device.name + QLatin1Char('_') + reg->name;

    static const QHash<QString, ModbusTable> tables{
        {QStringLiteral("holding"), ModbusTable::Holding},
        {QStringLiteral("input"), ModbusTable::Input},
        {QStringLiteral("coil"), ModbusTable::Coil},
        {QStringLiteral("discrete"), ModbusTable::Discrete}};
    reg->table = tables.value(object.value(QLatin1String("table")).toString());
    reg->address = object.value(QLatin1String("address")).toInt();

    static const QHash<QString, ModbusType> types{{QStringLiteral("int16"), ModbusType::Int16},
                                                  {QStringLiteral("uint16"), ModbusType::Uint16},
                                                  {QStringLiteral("int32"), ModbusType::Int32},
                                                  {QStringLiteral("uint32"), ModbusType::Uint32},
                                                  {QStringLiteral("float32"), ModbusType::Float32}};
    const QJsonValue typeValue = object.value(QLatin1String("type"));
    if (!typeValue.isUndefined()) { // no default: a coil or discrete input has no type
        reg->type = types.value(typeValue.toString());
    }
    reg->lowWordFirst =
        object.value(QLatin1String("word_order")).toString() == QLatin1String("little");
    reg->scale = object.value(QLatin1String("scale")).toDouble();
    reg->offset = object.value(QLatin1String("offset")).toDouble();
    reg->unit = object.value(QLatin1String("unit")).toString();
    reg->writable = object.value(QLatin1String("writable")).toBool();
    reg->description = object.value(QLatin1String("description")).toString();
    reg->simValue = object.value(QLatin1String("sim_value"));
    if (!reg->simValue.isUndefined() && !device.sim) {
        return Result::invalidConfig(
            ModbusConfigTr::tr("%1: sim_value is for simulated devices (sim: true); remove it")
                .arg(label));
    }

    if (reg->isBit()) {
        if (!typeValue.isUndefined()) {
            return Result::invalidConfig(
                ModbusConfigTr::tr("%1: a %2 is on or off; remove type '%3'")
                    .arg(label, tableName(reg->table), typeValue.toString()));
        }
        if (reg->scale != 1 || reg->offset != 0) {
            return Result::invalidConfig(
                ModbusConfigTr::tr("%1: a %2 is on or off; remove scale and offset")
                    .arg(label, tableName(reg->table)));
        }
    }
    if (reg->scale == 0) {
        return Result::invalidConfig(
            ModbusConfigTr::tr("%1: scale 0 would make every value equal to the offset; use 1 for "
                               "the raw value")
                .arg(label));
    }
    if (reg->writable &&
        (reg->table == ModbusTable::Input || reg->table == ModbusTable::Discrete)) {
        return Result::invalidConfig(
            ModbusConfigTr::tr("%1: %2s are read-only in Modbus; only holding registers and coils "
                               "can be writable (remove writable, or use table: %3)")
                .arg(label, tableName(reg->table),
                     reg->table == ModbusTable::Input ? QStringLiteral("holding")
                                                      : QStringLiteral("coil")));
    }
    if (!reg->simValue.isUndefined()) {
        QList<quint16> words;
        if (Result r = encode(*reg, reg->simValue, &words); !r.isOk()) {
            return Result::invalidConfig(
                ModbusConfigTr::tr("%1: sim_value: %2").arg(label, r.message()));
        }
    }
    if (reg->address + reg->width() > 65536) {
        return Result::invalidConfig(
            ModbusConfigTr::tr("%1: a %2 at address %3 needs two registers and runs past the last "
                               "address 65535")
                .arg(label, typeName(reg->type))
                .arg(reg->address));
    }
    return Result::ok();
}

Result ModbusConfig::parseDevice(const QJsonValue &value, int index,
                                 ModbusDeviceConfig *device) const
{
    device->index = index;
    const QJsonObject object = value.toObject();
    device->name = object.value(QLatin1String("name")).toString();
    if (!isValidName(device->name)) {
        return Result::invalidConfig(
            ModbusConfigTr::tr("%1: the name '%2' cannot be part of a reading id; use lower-case "
                               "letters, digits and '_', starting with a letter, such as 'meter'")
                .arg(device->label(), device->name));
    }
    const QString label = device->label();

    const bool hasTcp = object.contains(QLatin1String("tcp"));
    const bool hasRtu = object.contains(QLatin1String("rtu"));
    const bool hasSim = object.value(QLatin1String("sim")).toBool();
    if (int(hasTcp) + int(hasRtu) + int(hasSim) != 1) {
        return Result::invalidConfig(
            ModbusConfigTr::tr("%1: give exactly one of tcp: \"host:port\" (Modbus TCP), rtu: "
                               "{port: /dev/ttyUSB0, ...} (serial) or sim: true (simulated)%2")
                .arg(label,
                     hasTcp || hasRtu || hasSim ? ModbusConfigTr::tr(", not several") : QString()));
    }
    device->tcp = hasTcp;
    device->sim = hasSim;
    if (hasSim) {
        // Nothing to connect to.
    } else if (hasTcp) {
        const QString text = object.value(QLatin1String("tcp")).toString().trimmed();
        static const QRegularExpression endpoint(
            QStringLiteral("^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+)(?::([0-9]{1,5}))?$"));
        const QRegularExpressionMatch m = endpoint.match(text);
        const int port = m.captured(2).isEmpty() ? 502 : m.captured(2).toInt();
        if (!m.hasMatch() || port < 1 || port > 65535) {
            return Result::invalidConfig(
                ModbusConfigTr::tr("%1: tcp '%2' is not \"host:port\"; write e.g. "
                                   "\"192.168.1.50:502\" or \"meter.local:502\"")
                    .arg(label, text));
        }
        device->host = m.captured(1);
        if (device->host.startsWith(QLatin1Char('['))) {
            device->host = device->host.mid(1, device->host.size() - 2);
        }
        device->port = port;
    } else {
        const QJsonObject rtu = object.value(QLatin1String("rtu")).toObject();
        QString port = rtu.value(QLatin1String("port")).toString().trimmed();
        if (port.isEmpty()) {
            return Result::invalidConfig(
                ModbusConfigTr::tr("%1: rtu.port is missing; give the serial device such as "
                                   "/dev/ttyUSB0")
                    .arg(label));
        }
        if (!port.startsWith(QLatin1Char('/'))) {
            port.prepend(QStringLiteral("/dev/"));
        }
        device->serialPort = port;
        // The schema gives these no default: one inside rtu would make every device an RTU
        // device when the host fills in defaults (it creates the missing object). 9600 8N1.
        device->baud = rtu.value(QLatin1String("baud")).toInt(9600);
        device->parity = rtu.value(QLatin1String("parity")).toString(QStringLiteral("none"));
        device->dataBits = rtu.value(QLatin1String("data_bits")).toInt(8);
        device->stopBits = rtu.value(QLatin1String("stop_bits")).toInt(1);
    }
    device->unitId = object.value(QLatin1String("unit_id")).toInt();
    device->timeoutMs = object.value(QLatin1String("timeout_ms")).toInt();
    device->maxGap = object.value(QLatin1String("max_gap")).toInt();
    device->reconnectMaxMs = int(object.value(QLatin1String("reconnect_max_s")).toDouble() * 1000);
    // No default: a device without interval_s is polled at the instance's interval.
    const QJsonValue interval = object.value(QLatin1String("interval_s"));
    device->intervalMs = interval.isDouble() ? int(interval.toDouble() * 1000) : m_intervalMs;
    if (device->intervalMs > 2 * m_intervalMs) {
        return Result::invalidConfig(
            ModbusConfigTr::tr("%1: interval_s %2 is more than twice the instance's "
                               "interval_s %3, so its readings would show as stale between two "
                               "polls; raise the interval_s at the top of the modbus config to at "
                               "least %4")
                .arg(label)
                .arg(device->intervalMs / 1000.0)
                .arg(m_intervalMs / 1000.0)
                .arg(std::ceil(device->intervalMs / 2000.0)));
    }

    const QJsonArray registers = object.value(QLatin1String("registers")).toArray();
    if (registers.isEmpty()) {
        return Result::invalidConfig(
            ModbusConfigTr::tr("%1: registers is empty; list what to read, e.g. {name: voltage, "
                               "table: input, address: 0, type: float32}")
                .arg(label));
    }
    QHash<QString, int> byName;
    for (int i = 0; i < registers.size(); ++i) {
        ModbusRegister reg;
        if (Result r = parseRegister(registers.at(i), *device, i, &reg); !r.isOk()) {
            return r;
        }
        if (byName.contains(reg.name)) {
            return Result::invalidConfig(
                ModbusConfigTr::tr("%1.registers[%2]: the name '%3' is already used by "
                                   "registers[%4]; each register needs its own name")
                    .arg(label)
                    .arg(i)
                    .arg(reg.name)
                    .arg(byName.value(reg.name)));
        }
        byName.insert(reg.name, i);
        device->registers.append(reg);
    }
    return Result::ok();
}

Result ModbusConfig::parse(const QJsonObject &config)
{
    m_devices.clear();
    m_intervalMs = int(config.value(QLatin1String("interval_s")).toDouble() * 1000);
    const QJsonArray devices = config.value(QLatin1String("devices")).toArray();
    QHash<QString, int> byName;
    QHash<QString, QString> bySource; // reading id -> "device.register"
    for (int i = 0; i < devices.size(); ++i) {
        ModbusDeviceConfig device;
        if (Result r = parseDevice(devices.at(i), i, &device); !r.isOk()) {
            return r;
        }
        if (byName.contains(device.name)) {
            return Result::invalidConfig(
                ModbusConfigTr::tr("%1: the name '%2' is already used by devices[%3]; each device "
                                   "needs its own name")
                    .arg(device.label(), device.name)
                    .arg(byName.value(device.name)));
        }
        byName.insert(device.name, i);
        for (const ModbusDeviceConfig &other : std::as_const(m_devices)) {
            if (!device.rtuSerial() || !other.rtuSerial() ||
                other.serialPort != device.serialPort) {
                continue;
            }
            if (other.baud != device.baud || other.parity != device.parity ||
                other.dataBits != device.dataBits || other.stopBits != device.stopBits ||
                other.timeoutMs != device.timeoutMs) {
                return Result::invalidConfig(
                    ModbusConfigTr::tr("%1: %2 is also used by %3 with other settings (%4, "
                                       "timeout_ms %5); the devices of one serial line share its "
                                       "baud, parity, data_bits, stop_bits and timeout_ms")
                        .arg(device.label(), device.serialPort, other.label(), other.endpoint())
                        .arg(other.timeoutMs));
            }
            if (other.unitId == device.unitId) {
                return Result::invalidConfig(
                    ModbusConfigTr::tr("%1: unit_id %2 on %3 is already used by %4; each device "
                                       "on a serial line needs its own unit id")
                        .arg(device.label())
                        .arg(device.unitId)
                        .arg(device.serialPort, other.label()));
            }
        }
        for (const ModbusRegister &reg : std::as_const(device.registers)) {
            const QString who = device.name + QLatin1Char('.') + reg.name;
            if (bySource.contains(reg.sourceId)) {
                return Result::invalidConfig(
                    ModbusConfigTr::tr("%1.registers[%2] (%3): its reading id '%4' is also the id "
                                       "of %5; rename the device or the register")
                        .arg(device.label())
                        .arg(reg.index)
                        .arg(reg.name, reg.sourceId, bySource.value(reg.sourceId)));
            }
            bySource.insert(reg.sourceId, who);
        }
        m_devices.append(device);
    }
    return Result::ok();
}

QList<ModbusBatch> ModbusConfig::planBatches(const ModbusDeviceConfig &device)
{
    QList<ModbusBatch> batches;
    for (ModbusTable table :
         {ModbusTable::Coil, ModbusTable::Discrete, ModbusTable::Input, ModbusTable::Holding}) {
        QList<int> indices;
        for (int i = 0; i < device.registers.size(); ++i) {
            if (device.registers.at(i).table == table) {
                indices.append(i);
            }
        }
        std::stable_sort(indices.begin(), indices.end(), [&device](int a, int b) {
            return device.registers.at(a).address < device.registers.at(b).address;
        });
        const bool bits = table == ModbusTable::Coil || table == ModbusTable::Discrete;
        const int limit = bits ? s_maxBitsPerRead : s_maxRegistersPerRead;
        ModbusBatch current;
        for (int i : std::as_const(indices)) {
            const ModbusRegister &reg = device.registers.at(i);
            const int end = reg.address + reg.width();
            if (current.count > 0) {
                const int currentEnd = current.start + current.count;
                const int gap = reg.address - currentEnd;
                const int newCount = std::max(currentEnd, end) - current.start;
                if (gap <= device.maxGap && newCount <= limit) {
                    current.count = newCount;
                    current.registers.append(i);
                    continue;
                }
                batches.append(current);
            }
            current = ModbusBatch();
            current.table = table;
            current.start = reg.address;
            current.count = reg.width();
            current.registers = {i};
        }
        if (current.count > 0) {
            batches.append(current);
        }
    }
    return batches;
}

QVariant ModbusConfig::decode(const ModbusRegister &reg, const quint16 *words)
{
    if (reg.isBit()) {
        return words[0] != 0;
    }
    quint32 wide = 0;
    if (reg.width() == 2) {
        const quint16 high = reg.lowWordFirst ? words[1] : words[0];
        const quint16 low = reg.lowWordFirst ? words[0] : words[1];
        wide = (quint32(high) << 16) | low;
    }
    double raw = 0;
    qint64 integer = 0;
    switch (reg.type) {
    case ModbusType::Int16:
        integer = qint16(words[0]);
        break;
    case ModbusType::Uint16:
        integer = words[0];
        break;
    case ModbusType::Int32:
        integer = qint32(wide);
        break;
    case ModbusType::Uint32:
        integer = wide;
        break;
    case ModbusType::Float32: {
        float f = 0;
        std::memcpy(&f, &wide, sizeof f);
        if (!std::isfinite(f)) {
            return QVariant(); // NaN marks "not available" on many meters
        }
        // A float has about 7 significant digits; 230.1f should read 230.1, not 230.100006.
        raw = QString::number(double(f), 'g', 7).toDouble();
        break;
    }
    }
    if (reg.type != ModbusType::Float32) {
        if (reg.isInteger()) {
            return integer;
        }
        raw = double(integer);
    }
    const double value = raw * reg.scale + reg.offset;
    // Strip binary noise of the scaling (0.1 * 2345 = 234.50000000000003).
    return QString::number(value, 'g', 12).toDouble();
}

Result ModbusConfig::encode(const ModbusRegister &reg, const QJsonValue &value,
                            QList<quint16> *words)
{
    words->clear();
    if (reg.isBit()) {
        bool on = false;
        if (value.isBool()) {
            on = value.toBool();
        } else if (value.isDouble() && (value.toDouble() == 0 || value.toDouble() == 1)) {
            on = value.toDouble() == 1;
        } else if (value.isString() && (value.toString() == QLatin1String("on") ||
                                        value.toString() == QLatin1String("off"))) {
            on = value.toString() == QLatin1String("on");
        } else {
            return Result::error(ModbusConfigTr::tr("a coil is on or off: give true/false, 1/0 or "
                                                    "\"on\"/\"off\""));
        }
        words->append(on ? 1 : 0);
        return Result::ok();
    }
    double engineering = 0;
    if (value.isDouble()) {
        engineering = value.toDouble();
    } else if (value.isString()) {
        bool ok = false;
        engineering = value.toString().trimmed().toDouble(&ok);
        if (!ok) {
            return Result::error(ModbusConfigTr::tr("'%1' is not a number").arg(value.toString()));
        }
    } else {
        return Result::error(
            ModbusConfigTr::tr("a %1 register takes a number").arg(typeName(reg.type)));
    }
    const double raw = (engineering - reg.offset) / reg.scale;
    double low = 0;
    double high = 0;
    rawRange(reg.type, &low, &high);
    if (reg.type == ModbusType::Float32) {
        if (!std::isfinite(raw) || raw < low || raw > high) {
            return Result::error(
                ModbusConfigTr::tr("%1 is out of range for a float32").arg(engineering));
        }
        const float f = float(raw);
        quint32 wide = 0;
        std::memcpy(&wide, &f, sizeof wide);
        const quint16 hi = quint16(wide >> 16);
        const quint16 lo = quint16(wide & 0xffff);
        *words = reg.lowWordFirst ? QList<quint16>{lo, hi} : QList<quint16>{hi, lo};
        return Result::ok();
    }
    const double rounded = std::round(raw);
    if (!std::isfinite(raw) || rounded < low || rounded > high) {
        const bool scaled = reg.scale != 1 || reg.offset != 0;
        const double a = low * reg.scale + reg.offset;
        const double b = high * reg.scale + reg.offset;
        return Result::error(ModbusConfigTr::tr("%1 is out of range: %2 holds %3 to %4%5")
                                 .arg(engineering)
                                 .arg(typeName(reg.type))
                                 .arg(std::min(a, b))
                                 .arg(std::max(a, b))
                                 .arg(scaled ? ModbusConfigTr::tr(" (after scale %1 and offset %2)")
                                                   .arg(reg.scale)
                                                   .arg(reg.offset)
                                             : QString()));
    }
    const qint64 integer = qint64(rounded);
    if (reg.width() == 1) {
        words->append(quint16(integer & 0xffff));
    } else {
        const quint32 wide = quint32(integer & 0xffffffff);
        const quint16 hi = quint16(wide >> 16);
        const quint16 lo = quint16(wide & 0xffff);
        *words = reg.lowWordFirst ? QList<quint16>{lo, hi} : QList<quint16>{hi, lo};
    }
    return Result::ok();
}

} // namespace Smollama::Internal

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/result.h>

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QVariant>

namespace Smollama::Internal {

/*! The four Modbus data tables. */
enum class ModbusTable { Holding, Input, Coil, Discrete };

/*! How the 16-bit words of a register are read. Bit tables have no type. */
enum class ModbusType { Int16, Uint16, Int32, Uint32, Float32 };

/*! One entry of a device's `registers` list. */
struct ModbusRegister
{
    int index = 0; //!< position in `registers`, for messages
    QString name;
    QString sourceId; //!< "<device>_<register>", the local reading id
    ModbusTable table = ModbusTable::Holding;
    int address = 0; //!< 0-based protocol address
    ModbusType type = ModbusType::Uint16;
    bool lowWordFirst = false; //!< word_order: little
    double scale = 1;
    double offset = 0;
    QString unit;
    bool writable = false;
    QString description;
    QJsonValue simValue; //!< sim_value, for simulated devices

    bool isBit() const { return table == ModbusTable::Coil || table == ModbusTable::Discrete; }
    /*! Registers (or bits) it occupies: 1 or 2. */
    int width() const;
    /*! True when values are whole numbers (an integer type without scale and offset). */
    bool isInteger() const;
};

/*! One entry of the `devices` list. */
struct ModbusDeviceConfig
{
    int index = 0;
    QString name;
    bool tcp = true;
    bool sim = false; //!< a simulated device (neither tcp nor rtu)
    QString host;
    int port = 502;
    QString serialPort; //!< "/dev/ttyUSB0"
    int baud = 9600;
    QString parity = QStringLiteral("none");
    int dataBits = 8;
    int stopBits = 1;
    int unitId = 1;
    int timeoutMs = 1000;
    int intervalMs = 5000;
    int maxGap = 8;
    int reconnectMaxMs = 30000;
    QList<ModbusRegister> registers;

    bool rtuSerial() const { return !tcp && !sim; }
    /*! "devices[0] (meter)", how messages name the device. */
    QString label() const;
    /*! "127.0.0.1:502", "/dev/ttyUSB0 (9600 8N1)" or "simulated". */
    QString endpoint() const;
};

/*! Registers of one table read with one request. */
struct ModbusBatch
{
    ModbusTable table = ModbusTable::Holding;
    int start = 0;
    int count = 0;
    QList<int> registers; //!< indices into ModbusDeviceConfig::registers
};

/*!
    The modbus plugin's configuration, read from the validated config object (schema defaults
    filled in) and checked for what the schema cannot say: one transport per device, names that
    cannot be reading ids or are used twice, 32-bit registers beyond the address space,
    writable input tables. Every problem is a Result::invalidConfig() naming the device and
    register by index and name.
*/
class ModbusConfig
{
public:
    Result parse(const QJsonObject &config);

    const QList<ModbusDeviceConfig> &devices() const { return m_devices; }
    int intervalMs() const { return m_intervalMs; }

    /*! Merges the registers of \a device into as few requests as the Modbus limits (125
        registers, 2000 bits per read) and the device's max_gap allow. */
    static QList<ModbusBatch> planBatches(const ModbusDeviceConfig &device);

    /*! The engineering value of \a reg from \a words (its width() words, in wire order). */
    static QVariant decode(const ModbusRegister &reg, const quint16 *words);
    /*! The words to write for \a value (inverse of decode()); an error says why not. */
    static Result encode(const ModbusRegister &reg, const QJsonValue &value, QList<quint16> *words);

    /*! "holding register", "input register", "coil", "discrete input". */
    static QString tableName(ModbusTable table);
    /*! The conventional 5/6-digit register number: holding 99 is "40100", coil 0 is "00001". */
    static QString registerNumber(ModbusTable table, int address);
    /*! "illegal data address" for exception code 2, and so on. */
    static QString exceptionName(int code);

private:
    Result parseDevice(const QJsonValue &value, int index, ModbusDeviceConfig *device) const;
    Result parseRegister(const QJsonValue &value, const ModbusDeviceConfig &device, int index,
                         ModbusRegister *reg) const;

    QList<ModbusDeviceConfig> m_devices;
    int m_intervalMs = 5000;
};

} // namespace Smollama::Internal

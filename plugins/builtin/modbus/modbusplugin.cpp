// SPDX-License-Identifier: GPL-3.0-or-later
#include "modbusplugin.h"

#include "modbusdevice.h"
#include "modbuslog.h"

#include <smollama/functiontool.h>
#include <smollama/plugincontext.h>
#include <smollama/pluginfactory.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QModbusRtuSerialClient>
#include <QModbusTcpClient>
#include <QPointer>
#include <QTimer>

#include <unistd.h>

#include <algorithm>

Q_LOGGING_CATEGORY(lcModbus, "smollama.modbus")

namespace Smollama {

using Internal::ModbusConfig;
using Internal::ModbusDevice;
using Internal::ModbusDeviceConfig;
using Internal::ModbusRegister;
using Internal::ModbusTable;

namespace {

// The translation context of the Modbus plugin's messages (docs/translations.md).
class ModbusPluginTr
{
    Q_DECLARE_TR_FUNCTIONS(ModbusPlugin)
};

// setup() waits at most this long for the first answers of all devices.
constexpr int s_maxFirstWaitMs = 20000;

QString typeText(const ModbusRegister &reg)
{
    if (reg.isBit()) {
        return QStringLiteral("on/off");
    }
    switch (reg.type) {
    case Internal::ModbusType::Int16:
        return QStringLiteral("int16");
    case Internal::ModbusType::Uint16:
        return QStringLiteral("uint16");
    case Internal::ModbusType::Int32:
        return QStringLiteral("int32");
    case Internal::ModbusType::Uint32:
        return QStringLiteral("uint32");
    case Internal::ModbusType::Float32:
        return QStringLiteral("float32");
    }
    return {};
}

} // namespace

ModbusPlugin::ModbusPlugin(QObject *parent)
    : QObject(parent)
{
}

ModbusPlugin::~ModbusPlugin()
{
    // The host always tears down what it set up; this guards against a test that did not.
    teardown();
}

Result ModbusPlugin::checkDependencies(const QJsonObject &config)
{
    // Look, never claim: no connection is made and no serial port is opened.
    try {
        ModbusConfig parsed;
        if (Result r = parsed.parse(config); !r.isOk()) {
            return r;
        }
        {
            // QtSerialBus is usable when its client classes can be created.
            QModbusTcpClient tcp;
            QModbusRtuSerialClient rtu;
            if (tcp.state() != QModbusDevice::UnconnectedState ||
                rtu.state() != QModbusDevice::UnconnectedState) {
                return Result::error(
                    ModbusPluginTr::tr("QtSerialBus does not work here: its Modbus clients do not "
                                       "start unconnected; reinstall libqt6serialbus6"));
            }
        }
        for (const ModbusDeviceConfig &device : parsed.devices()) {
            if (device.tcp || device.sim) {
                continue; // a network device that is down is a run-time error reading
            }
            const QFileInfo port(device.serialPort);
            if (!port.exists()) {
                return Result::error(
                    ModbusPluginTr::tr("%1: the serial port %2 does not exist; plug the RS-485 "
                                       "adapter in and check the name with ls /dev/ttyUSB* "
                                       "/dev/ttyAMA* /dev/serial/by-id/")
                        .arg(device.label(), device.serialPort));
            }
            if (::access(QFile::encodeName(device.serialPort).constData(), R_OK | W_OK) != 0) {
                return Result::error(
                    ModbusPluginTr::tr("%1: no permission to open the serial port %2; add the user "
                                       "smollama runs as to the dialout group (sudo usermod -aG "
                                       "dialout $USER, then log in again)")
                        .arg(device.label(), device.serialPort));
            }
        }
        return Result::ok();
    } catch (...) {
        return Result::error(ModbusPluginTr::tr("checking the Modbus configuration failed "
                                                "unexpectedly"));
    }
}

Result ModbusPlugin::setup(const QJsonObject &config, PluginContext *context)
{
    try {
        if (!m_devices.empty()) {
            teardown();
        }
        if (Result r = m_config.parse(config); !r.isOk()) {
            return r;
        }
        m_context = context;
        // The devices of one RS-485 line share its port: a serial port opens only once, and
        // QModbusRtuSerialClient sends their requests one after another, as the line needs.
        QHash<QString, std::shared_ptr<QModbusClient>> lines;
        for (const ModbusDeviceConfig &deviceConfig : m_config.devices()) {
            auto device = std::make_unique<ModbusDevice>(deviceConfig);
            if (deviceConfig.rtuSerial()) {
                std::shared_ptr<QModbusClient> &line = lines[deviceConfig.serialPort];
                if (!line) {
                    line = ModbusDevice::createClient(deviceConfig);
                }
                device->setClient(line);
            }
            connect(device.get(), &ModbusDevice::readingsUpdated, this, &ModbusPlugin::publish);
            const QList<Internal::ModbusBatch> batches = device->batches();
            qCInfo(lcModbus).noquote()
                << QStringLiteral("%1 at %2: %3 registers in %4 requests per poll, every %5 s")
                       .arg(deviceConfig.name, deviceConfig.endpoint())
                       .arg(deviceConfig.registers.size())
                       .arg(batches.size())
                       .arg(deviceConfig.intervalMs / 1000.0);
            m_devices.push_back(std::move(device));
        }
        for (const auto &device : m_devices) {
            device->start();
        }
        waitForFirstAnswers();
        createTools();
        return Result::ok();
    } catch (...) {
        m_tools.clear();
        m_devices.clear();
        return Result::error(ModbusPluginTr::tr("setting up the Modbus devices failed "
                                                "unexpectedly"));
    }
}

void ModbusPlugin::waitForFirstAnswers()
{
    // Bounded: connecting and each request give up after the device's timeout.
    int budget = 0;
    for (const auto &device : m_devices) {
        const ModbusDeviceConfig &c = device->config();
        const int requests = int(device->batches().size());
        // TCP sends a cycle's requests at once; a serial line answers them one after another.
        budget = std::max(budget, c.timeoutMs * (1 + (c.rtuSerial() ? requests : 1)) + 500);
    }
    budget = std::min(budget, s_maxFirstWaitMs);
    auto allDone = [this] {
        return std::all_of(m_devices.cbegin(), m_devices.cend(),
                           [](const auto &device) { return device->firstCycleDone(); });
    };
    if (allDone()) {
        return;
    }
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    for (const auto &device : m_devices) {
        connect(device.get(), &ModbusDevice::readingsUpdated, &loop, [&loop, allDone] {
            if (allDone()) {
                loop.quit();
            }
        });
    }
    deadline.start(budget);
    loop.exec();
}

void ModbusPlugin::publish(const QList<Reading> &readings)
{
    if (!m_context) {
        return;
    }
    for (const Reading &reading : readings) {
        m_context->publish(reading);
    }
}

void ModbusPlugin::teardown()
{
    try {
        // Nothing is published from here on: stopping a device aborts its requests in flight,
        // and those are no readings.
        m_context = nullptr;
        m_tools.clear();
        for (const auto &device : m_devices) {
            disconnect(device.get(), nullptr, this, nullptr);
            device->stop();
        }
        m_devices.clear();
    } catch (...) {
        qCWarning(lcModbus) << "teardown failed unexpectedly";
    }
}

QList<SourceInfo> ModbusPlugin::sources() const
{
    QList<SourceInfo> infos;
    for (const auto &device : m_devices) {
        const ModbusDeviceConfig &c = device->config();
        for (const ModbusRegister &reg : c.registers) {
            SourceInfo info;
            info.id = reg.sourceId;
            info.label = QStringLiteral("%1 %2").arg(c.name, reg.name);
            info.unit = reg.unit;
            QString description =
                reg.description.isEmpty()
                    ? QStringLiteral("%1 of the Modbus device %2").arg(reg.name, c.name)
                    : reg.description;
            description += QStringLiteral(" (%1 %2, address %3, %4, at %5)")
                               .arg(ModbusConfig::tableName(reg.table),
                                    ModbusConfig::registerNumber(reg.table, reg.address))
                               .arg(reg.address)
                               .arg(typeText(reg), c.endpoint());
            if (reg.writable) {
                description += QStringLiteral("; set it with modbus_write");
            }
            info.description = description;
            infos.append(info);
        }
    }
    return infos;
}

QList<Reading> ModbusPlugin::read()
{
    // Never waits: the devices poll on their own timers, and a poll publishes its readings the
    // moment its last answer arrives (publish()). Those are not handed out here again: each
    // reading reaches the bus once. Collection only says, with a reading of its own time, that
    // a device has not answered its first poll yet.
    QList<Reading> readings;
    for (const auto &device : m_devices) {
        if (device->firstCycleDone()) {
            continue;
        }
        const QList<Reading> waiting = device->latest();
        for (const Reading &reading : waiting) {
            readings.append(Reading::error(reading.source(), reading.message(), reading.unit()));
        }
    }
    return readings;
}

QList<Tool *> ModbusPlugin::tools() const
{
    QList<Tool *> list;
    for (const auto &tool : m_tools) {
        list.append(tool.get());
    }
    return list;
}

QString ModbusPlugin::writableList() const
{
    QStringList names;
    for (const auto &device : m_devices) {
        for (const ModbusRegister &reg : device->config().registers) {
            if (reg.writable) {
                names.append(
                    QStringLiteral("%1 %2 (%3%4)")
                        .arg(device->config().name, reg.name, typeText(reg),
                             reg.unit.isEmpty() ? QString() : QStringLiteral(", ") + reg.unit));
            }
        }
    }
    return names.join(QLatin1String(", "));
}

void ModbusPlugin::createTools()
{
    m_tools.clear();
    const QString writable = writableList();
    if (writable.isEmpty()) {
        return;
    }
    const QJsonObject schema{
        {QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("properties"),
         QJsonObject{
             {QStringLiteral("device"),
              QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                          {QStringLiteral("description"), QStringLiteral("The device's name")}}},
             {QStringLiteral("register"),
              QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                          {QStringLiteral("description"),
                           QStringLiteral("The register's (or coil's) name")}}},
             {QStringLiteral("value"),
              QJsonObject{{QStringLiteral("type"),
                           QJsonArray{QStringLiteral("number"), QStringLiteral("boolean"),
                                      QStringLiteral("string")}},
                          {QStringLiteral("description"),
                           QStringLiteral("The new value in the register's unit (scale and "
                                          "offset are applied); true/false or on/off for a "
                                          "coil")}}}}},
        {QStringLiteral("required"),
         QJsonArray{QStringLiteral("device"), QStringLiteral("register"), QStringLiteral("value")}},
        {QStringLiteral("additionalProperties"), false}};
    m_tools.push_back(std::make_unique<FunctionTool>(
        QStringLiteral("modbus_write"),
        QStringLiteral("Writes a value to a writable register or coil of a Modbus device of this "
                       "node and returns the value written. Writable: %1.")
            .arg(writable),
        schema, [this](const QJsonObject &arguments) { return write(arguments); }));
}

ToolResult ModbusPlugin::write(const QJsonObject &arguments)
{
    const QString deviceName = arguments.value(QLatin1String("device")).toString();
    const QString registerName = arguments.value(QLatin1String("register")).toString();
    const QJsonValue value = arguments.value(QLatin1String("value"));

    ModbusDevice *device = nullptr;
    QStringList deviceNames;
    for (const auto &d : m_devices) {
        deviceNames.append(d->config().name);
        if (d->config().name == deviceName) {
            device = d.get();
        }
    }
    if (!device) {
        return ToolResult::error(
            ModbusPluginTr::tr("no Modbus device named '%1'; the devices are: %2")
                .arg(deviceName, deviceNames.join(QLatin1String(", "))));
    }
    const ModbusRegister *reg = nullptr;
    for (const ModbusRegister &r : device->config().registers) {
        if (r.name == registerName) {
            reg = &r;
        }
    }
    if (!reg) {
        return ToolResult::error(
            ModbusPluginTr::tr("device '%1' has no register named '%2'; writable registers: %3")
                .arg(deviceName, registerName, writableList()));
    }
    if (!reg->writable) {
        const bool readOnlyTable =
            reg->table == ModbusTable::Input || reg->table == ModbusTable::Discrete;
        return ToolResult::error(
            readOnlyTable
                ? ModbusPluginTr::tr("%1 %2 (%3) is read-only: %4s cannot be written in Modbus; "
                                     "writable registers: %5")
                      .arg(deviceName, registerName,
                           ModbusConfig::registerNumber(reg->table, reg->address),
                           ModbusConfig::tableName(reg->table), writableList())
                : ModbusPluginTr::tr("%1 %2 is not marked writable, so it is not written; if "
                                     "writing it is safe, add writable: true to it in the config. "
                                     "Writable registers: %3")
                      .arg(deviceName, registerName, writableList()));
    }
    QList<quint16> words;
    if (Result r = ModbusConfig::encode(*reg, value, &words); !r.isOk()) {
        return ToolResult::error(ModbusPluginTr::tr("cannot write %1 %2: %3")
                                     .arg(deviceName, registerName, r.message()));
    }

    // The tool runs on this instance's thread; wait here for the answer (bounded by the
    // device's timeout) while the other devices' events go on.
    struct Outcome
    {
        bool done = false;
        QString error;
    };
    auto outcome = std::make_shared<Outcome>();
    // The device may be gone when the wait ends (teardown queued meanwhile): copy what is
    // needed afterwards.
    const int timeoutMs = device->config().timeoutMs;
    QEventLoop loop;
    QPointer<QEventLoop> loopGuard(&loop);
    const ModbusRegister target = *reg;
    device->write(target, words, [outcome, loopGuard](const QString &error) {
        outcome->done = true;
        outcome->error = error;
        if (loopGuard) {
            loopGuard->quit();
        }
    });
    if (!outcome->done) {
        QTimer deadline;
        deadline.setSingleShot(true);
        connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
        deadline.start(timeoutMs + 1000);
        loop.exec();
    }
    if (!outcome->done) {
        return ToolResult::error(
            ModbusPluginTr::tr("no answer from %1 within %2 ms").arg(deviceName).arg(timeoutMs));
    }
    if (!outcome->error.isEmpty()) {
        return ToolResult::error(outcome->error);
    }
    QJsonArray raw;
    for (quint16 w : std::as_const(words)) {
        raw.append(int(w));
    }
    QJsonObject result{{QStringLiteral("device"), deviceName},
                       {QStringLiteral("register"), registerName},
                       {QStringLiteral("address"), target.address},
                       {QStringLiteral("raw"), raw},
                       {QStringLiteral("unit"), target.unit}};
    if (target.isBit()) {
        result.insert(QStringLiteral("value"), words.value(0) != 0);
    } else {
        result.insert(QStringLiteral("value"),
                      ModbusConfig::decode(target, words.constData()).toJsonValue());
    }
    return ToolResult::ok(result);
}

QJsonObject ModbusPlugin::statistics() const
{
    QJsonObject devices;
    for (const auto &device : m_devices) {
        devices.insert(
            device->config().name,
            QJsonObject{{QStringLiteral("requests"), device->requestsSent()},
                        {QStringLiteral("cycles"), device->cyclesCompleted()},
                        {QStringLiteral("requests_per_cycle"), int(device->batches().size())},
                        {QStringLiteral("registers"), int(device->config().registers.size())},
                        {QStringLiteral("connections"), device->reconnects()},
                        {QStringLiteral("connected"), device->isConnected()},
                        {QStringLiteral("mean_cycle_ms"), device->meanCycleMs()},
                        {QStringLiteral("last_cycle_ms"), device->lastCycleMs()}});
    }
    return devices;
}

} // namespace Smollama

// The library's root object: one ModbusPlugin per configured instance.
SMOLLAMA_PLUGIN_FACTORY(ModbusPluginFactory, Smollama::ModbusPlugin)

#include "modbusplugin.moc"

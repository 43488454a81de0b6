// SPDX-License-Identifier: GPL-3.0-or-later
// The builtin modbus plugin as the host sees it: the built libsmollama_modbus.so loaded with
// QPluginLoader, configured like the host does (schema defaults filled in, validated), talking
// to a real Modbus TCP server this project did not write: Debian's pymodbus, started here on
// 127.0.0.1 with the register map of modbus_server.py. The batching and conversion rules are
// also checked on their own (modbusconfig.cpp is compiled in).
#include "modbusconfig.h"

#include "config/config.h"
#include "plugins/pluginmanager.h"
#include "readings/readingbus.h"
#include "readings/readingmanager.h"
#include "tools/toolregistry.h"
#include "util/jsonschema.h"

#include "requiredtool.h"

#include <smollama/plugin.h>
#include <smollama/plugincontext.h>
#include <smollama/pluginfactory.h>
#include <smollama/pluginmetadata.h>
#include <smollama/readingprovider.h>
#include <smollama/testing.h>
#include <smollama/tool.h>
#include <smollama/toolprovider.h>

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QMutex>
#include <QMutexLocker>
#include <QPluginLoader>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <memory>

using Smollama::Reading;
using Smollama::Result;
using Smollama::ToolResult;
using Smollama::Internal::ModbusBatch;
using Smollama::Internal::ModbusConfig;
using Smollama::Internal::ModbusDeviceConfig;
using Smollama::Internal::ModbusRegister;
using Smollama::Internal::ModbusTable;
using Smollama::Internal::ModbusType;

namespace {

const QString s_python = QStringLiteral("/usr/bin/python3");

QString builtPluginPath()
{
    return QStringLiteral(SMOLLAMA_BUILTIN_PLUGIN_BUILD_DIR "/libsmollama_modbus.so");
}

// The pymodbus server of modbus_server.py in a child process.
class ModbusServer
{
public:
    ~ModbusServer() { stop(); }

    // Starts on \a port (0: a free one); false with \a error when it does not come up.
    bool start(int port, QString *error)
    {
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::SeparateChannels);
        m_process->start(s_python, {QStringLiteral(SMOLLAMA_MODBUS_SERVER_SCRIPT),
                                    QStringLiteral("--port"), QString::number(port)});
        if (!m_process->waitForStarted(10000)) {
            *error = QStringLiteral("cannot start %1: %2").arg(s_python, m_process->errorString());
            return false;
        }
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 15000) {
            collect();
            if (m_port > 0) {
                return true;
            }
            if (m_process->state() == QProcess::NotRunning) {
                break;
            }
            m_process->waitForReadyRead(200);
        }
        collect();
        *error = QStringLiteral("the Modbus server did not start: %1 %2")
                     .arg(m_lines.join(QLatin1Char('\n')),
                          QString::fromLocal8Bit(m_process->readAllStandardError()));
        return false;
    }

    void stop()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }

    int port() const { return m_port; }

    // Every request line so far ("READ fc=3 addr=0 count=31", "WRITE fc=6 addr=20 values=45").
    QStringList lines()
    {
        collect();
        return m_lines;
    }
    QStringList reads() { return lines().filter(QRegularExpression(QStringLiteral("^READ "))); }
    QStringList writes() { return lines().filter(QRegularExpression(QStringLiteral("^WRITE "))); }
    void clearLines()
    {
        collect();
        m_lines.clear();
    }

private:
    void collect()
    {
        if (!m_process) {
            return;
        }
        m_buffer += m_process->readAllStandardOutput();
        int newline = 0;
        while ((newline = m_buffer.indexOf('\n')) >= 0) {
            const QString line = QString::fromUtf8(m_buffer.left(newline)).trimmed();
            m_buffer.remove(0, newline + 1);
            if (line.startsWith(QLatin1String("PORT "))) {
                m_port = line.mid(5).toInt();
            } else if (!line.isEmpty()) {
                m_lines.append(line);
            }
        }
    }

    std::unique_ptr<QProcess> m_process;
    QByteArray m_buffer;
    QStringList m_lines;
    int m_port = 0;
};

using Smollama::Testing::FakePluginContext;

struct Instance
{
    std::unique_ptr<QObject> object;
    Smollama::Plugin *plugin = nullptr;
    Smollama::ReadingProvider *readings = nullptr;
    Smollama::ToolProvider *toolProvider = nullptr;
    FakePluginContext *context = nullptr;
    bool setUp = false;

    ~Instance() { tearDown(); }

    void tearDown()
    {
        if (setUp) {
            setUp = false;
            plugin->teardown();
        }
    }

    // The newest reading of \a id: what the polls published, or what collection reports
    // before a device's first answer.
    Reading readingOf(const QString &id) const
    {
        if (context) {
            const Reading published = context->lastPublished(id);
            if (!published.source().isEmpty()) {
                return published;
            }
        }
        const QList<Reading> all = readings->read();
        for (const Reading &reading : all) {
            if (reading.source() == id) {
                return reading;
            }
        }
        return {};
    }

    ToolResult write(const QString &device, const QString &reg, const QJsonValue &value) const
    {
        const QList<Smollama::Tool *> tools = toolProvider->tools();
        for (Smollama::Tool *tool : tools) {
            if (tool->name() == QLatin1String("modbus_write")) {
                return tool->call({{QStringLiteral("device"), device},
                                   {QStringLiteral("register"), reg},
                                   {QStringLiteral("value"), value}});
            }
        }
        return ToolResult::error(QStringLiteral("test: no modbus_write tool"));
    }

    QJsonObject statistics(const QString &device) const
    {
        QJsonObject stats;
        QMetaObject::invokeMethod(object.get(), "statistics", Qt::DirectConnection,
                                  Q_RETURN_ARG(QJsonObject, stats));
        return stats.value(device).toObject();
    }
};

QJsonObject reg(const QString &name, const QString &table, int address,
                const QJsonObject &extra = {})
{
    QJsonObject object = extra;
    object.insert(QStringLiteral("name"), name);
    object.insert(QStringLiteral("table"), table);
    object.insert(QStringLiteral("address"), address);
    return object;
}

// The registers of modbus_server.py's map, as a plc device reads them.
QJsonArray plcRegisters()
{
    const QString h = QStringLiteral("holding");
    auto typed = [](const QString &type, const QJsonObject &extra = {}) {
        QJsonObject o = extra;
        o.insert(QStringLiteral("type"), type);
        return o;
    };
    const QJsonObject little{{QStringLiteral("word_order"), QStringLiteral("little")}};
    return {
        reg(QStringLiteral("temp_int16"), h, 0, typed(QStringLiteral("int16"))),
        reg(QStringLiteral("count_uint16"), h, 1, typed(QStringLiteral("uint16"))),
        reg(QStringLiteral("energy_int32"), h, 2, typed(QStringLiteral("int32"))),
        reg(QStringLiteral("energy_int32_le"), h, 4, typed(QStringLiteral("int32"), little)),
        reg(QStringLiteral("voltage"), h, 6,
            typed(QStringLiteral("float32"), {{QStringLiteral("unit"), QStringLiteral("V")}})),
        reg(QStringLiteral("frequency_le"), h, 8, typed(QStringLiteral("float32"), little)),
        reg(QStringLiteral("scaled"), h, 10,
            typed(QStringLiteral("uint16"),
                  {{QStringLiteral("scale"), 0.1}, {QStringLiteral("offset"), -20}})),
        reg(QStringLiteral("total_uint32"), h, 12, typed(QStringLiteral("uint32"))),
        reg(QStringLiteral("setpoint"), h, 20,
            typed(QStringLiteral("uint16"), {{QStringLiteral("scale"), 0.5},
                                             {QStringLiteral("unit"), QStringLiteral("°C")},
                                             {QStringLiteral("writable"), true}})),
        reg(QStringLiteral("limit"), h, 21,
            typed(QStringLiteral("float32"), {{QStringLiteral("writable"), true}})),
        reg(QStringLiteral("mode"), h, 30),
        reg(QStringLiteral("missing"), h, 99),
        reg(QStringLiteral("current"), QStringLiteral("input"), 0,
            typed(QStringLiteral("float32"))),
        reg(QStringLiteral("level"), QStringLiteral("input"), 2,
            {{QStringLiteral("scale"), 0.01}, {QStringLiteral("offset"), -25}}),
        reg(QStringLiteral("pump"), QStringLiteral("coil"), 0),
        reg(QStringLiteral("valve"), QStringLiteral("coil"), 1),
        reg(QStringLiteral("fan"), QStringLiteral("coil"), 5, {{QStringLiteral("writable"), true}}),
        reg(QStringLiteral("door"), QStringLiteral("discrete"), 0),
        reg(QStringLiteral("window"), QStringLiteral("discrete"), 1),
    };
}

QJsonObject device(const QString &name, int port, const QJsonArray &registers,
                   const QJsonObject &extra = {})
{
    QJsonObject object = extra;
    object.insert(QStringLiteral("name"), name);
    object.insert(QStringLiteral("tcp"), QStringLiteral("127.0.0.1:%1").arg(port));
    object.insert(QStringLiteral("registers"), registers);
    if (!object.contains(QStringLiteral("timeout_ms"))) {
        object.insert(QStringLiteral("timeout_ms"), 2000);
    }
    return object;
}

// Polls rarely: the tests see the first cycle (in setup), the poll after each write and the
// one after a reconnection, never one of the timer by chance.
QJsonObject config(const QJsonArray &devices)
{
    return {{QStringLiteral("interval_s"), 600}, {QStringLiteral("devices"), devices}};
}

QString describe(const QList<Smollama::SchemaError> &errors)
{
    QStringList texts;
    for (const Smollama::SchemaError &e : errors) {
        texts.append(e.path + QStringLiteral(": ") + e.message);
    }
    return texts.join(QLatin1String("; "));
}

QString qualityOf(const Reading &r)
{
    return Reading::qualityName(r.quality()) + QStringLiteral(" ") + r.message();
}

} // namespace

class tst_Modbus : public QObject
{
    Q_OBJECT

private:
    QPluginLoader m_loader{builtPluginPath()};
    Smollama::Testing::PluginLibrary m_library{builtPluginPath()};
    QJsonObject m_manifest;
    QJsonObject m_schema;
    ModbusServer m_server;

    bool create(Instance *instance)
    {
        instance->object = m_library.createInstance();
        if (!instance->object) {
            qWarning("%s", qPrintable(m_library.errorString()));
            return false;
        }
        instance->plugin = qobject_cast<Smollama::Plugin *>(instance->object.get());
        instance->readings = qobject_cast<Smollama::ReadingProvider *>(instance->object.get());
        instance->toolProvider = qobject_cast<Smollama::ToolProvider *>(instance->object.get());
        return instance->plugin && instance->readings && instance->toolProvider;
    }

    QJsonObject complete(const QJsonObject &config, QList<Smollama::SchemaError> *errors)
    {
        const QJsonObject filled = Smollama::JsonSchema::applyDefaults(m_schema, config).toObject();
        *errors = Smollama::JsonSchema(m_schema).validate(filled);
        return filled;
    }

    // checkDependencies() and setup() as the host calls them.
    Result start(Instance *instance, FakePluginContext *context, const QJsonObject &config)
    {
        QList<Smollama::SchemaError> errors;
        const QJsonObject filled = complete(config, &errors);
        if (!errors.isEmpty()) {
            return Result::error(QStringLiteral("test: schema errors: ") + describe(errors));
        }
        context->setConfig(filled);
        instance->context = context;
        const Result check = instance->plugin->checkDependencies(filled);
        if (!check.isOk()) {
            return check;
        }
        const Result setup = instance->plugin->setup(filled, context);
        instance->setUp = setup.isOk();
        return setup;
    }

    Result startPlc(Instance *instance, FakePluginContext *context, const QJsonObject &extra = {})
    {
        if (!create(instance)) {
            return Result::error(QStringLiteral("test: cannot create an instance"));
        }
        return start(
            instance, context,
            config({device(QStringLiteral("plc"), m_server.port(), plcRegisters(), extra)}));
    }

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void manifest();
    void configErrors_data();
    void configErrors();
    void serialLineShared_data();
    void serialLineShared();
    void batchPlan_data();
    void batchPlan();
    void conversions();

    void values_data();
    void values();
    void sourcesDescribeRegisters();
    void batchedRequests();
    void illegalAddress();
    void illegalAddressInsideMergedRequest();
    void noAnswer();
    void silentConnectionIsMadeAnew();
    void connectionRefused();
    void rapidReconnectsThenTeardownInFlight();
    void reconnectsAfterServerComesBack();

    void writeTool_data();
    void writeTool();
    void writeRefused_data();
    void writeRefused();

    void rtuMissingPort();
    void rtuPortThatIsNoSerialPort();
    void rtuLineSharedByTwoDevices();

    void simulatedDevice();
    void inTheHost();

    void documentedConfigs_data();
    void documentedConfigs();
};

void tst_Modbus::initTestCase()
{
    QVERIFY2(QFile::exists(builtPluginPath()), qPrintable(builtPluginPath()));
    const QJsonObject metaData = m_loader.metaData();
    QVERIFY2(!metaData.isEmpty(), qPrintable(m_loader.errorString()));
    m_manifest = metaData.value(QLatin1String("MetaData")).toObject();
    m_schema = m_manifest.value(QLatin1String("configSchema")).toObject();
    QVERIFY2(Smollama::JsonSchema(m_schema).isValid(),
             qPrintable(Smollama::JsonSchema(m_schema).errorString()));
    QVERIFY2(m_loader.load(), qPrintable(m_loader.errorString()));

    QProcess probe;
    probe.start(s_python, {QStringLiteral("-c"), QStringLiteral("import pymodbus.server")});
    SMOLLAMA_REQUIRE_TOOL(probe.waitForFinished(30000) &&
                              probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0,
                          "Debian's pymodbus is not usable by /usr/bin/python3 (python3-pymodbus "
                          "and python3-serial-asyncio): run scripts/install-deps.sh");
    QString error;
    QVERIFY2(m_server.start(0, &error), qPrintable(error));
}

void tst_Modbus::cleanupTestCase()
{
    m_server.stop();
}

// --- manifest and configuration ---------------------------------------------------------------

void tst_Modbus::manifest()
{
    QCOMPARE(m_manifest.value(QLatin1String("name")).toString(), QStringLiteral("modbus"));
    const Smollama::PluginMetadata metadata(m_manifest);
    QVERIFY(metadata.isSensor());
    QVERIFY(metadata.isTool());
    QVERIFY(!metadata.sdkVersion().isEmpty());

    // The defaults a device gets when it names only what it must.
    QList<Smollama::SchemaError> errors;
    const QJsonObject filled = complete(
        config({QJsonObject{{QStringLiteral("name"), QStringLiteral("meter")},
                            {QStringLiteral("tcp"), QStringLiteral("10.0.0.5:502")},
                            {QStringLiteral("registers"),
                             QJsonArray{reg(QStringLiteral("v"), QStringLiteral("input"), 0)}}}}),
        &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(describe(errors)));
    const QJsonObject dev = filled.value(QLatin1String("devices")).toArray().at(0).toObject();
    QCOMPARE(dev.value(QLatin1String("unit_id")).toInt(), 1);
    QCOMPARE(dev.value(QLatin1String("timeout_ms")).toInt(), 1000);
    QCOMPARE(dev.value(QLatin1String("max_gap")).toInt(), 8);
    const QJsonObject r = dev.value(QLatin1String("registers")).toArray().at(0).toObject();
    QCOMPARE(r.value(QLatin1String("scale")).toDouble(), 1.0);
    QCOMPARE(r.value(QLatin1String("word_order")).toString(), QStringLiteral("big"));
    QCOMPARE(r.value(QLatin1String("writable")).toBool(), false);
}

void tst_Modbus::configErrors_data()
{
    QTest::addColumn<QJsonObject>("device");
    QTest::addColumn<QString>("message");

    const QJsonArray one{reg(QStringLiteral("v"), QStringLiteral("holding"), 0)};
    QJsonObject both = device(QStringLiteral("meter"), 502, one);
    both.insert(QStringLiteral("rtu"),
                QJsonObject{{QStringLiteral("port"), QStringLiteral("/dev/ttyUSB0")}});
    QTest::newRow("tcp and rtu") << both
                                 << QStringLiteral("devices[0] (meter): give exactly one of tcp");
    QJsonObject neither = device(QStringLiteral("meter"), 502, one);
    neither.remove(QStringLiteral("tcp"));
    QTest::newRow("no transport") << neither << QStringLiteral("give exactly one of tcp");
    QJsonObject badTcp = device(QStringLiteral("meter"), 502, one);
    badTcp.insert(QStringLiteral("tcp"), QStringLiteral("10.0.0.5:99999"));
    QTest::newRow("bad endpoint") << badTcp
                                  << QStringLiteral("tcp '10.0.0.5:99999' is not \"host:port\"");
    QTest::newRow("device name") << device(QStringLiteral("Main Meter"), 502, one)
                                 << QStringLiteral(
                                        "the name 'Main Meter' cannot be part of a reading id");
    QTest::newRow("writable input")
        << device(QStringLiteral("meter"), 502,
                  {reg(QStringLiteral("v"), QStringLiteral("input"), 0,
                       {{QStringLiteral("writable"), true}})})
        << QStringLiteral("registers[0] (v): input registers are read-only in Modbus");
    QTest::newRow("type on coil") << device(
                                         QStringLiteral("meter"), 502,
                                         {reg(QStringLiteral("pump"), QStringLiteral("coil"), 0,
                                              {{QStringLiteral("type"), QStringLiteral("int16")}})})
                                  << QStringLiteral("a coil is on or off; remove type 'int16'");
    QTest::newRow("same register name")
        << device(QStringLiteral("meter"), 502,
                  {reg(QStringLiteral("v"), QStringLiteral("input"), 0),
                   reg(QStringLiteral("v"), QStringLiteral("input"), 2)})
        << QStringLiteral("registers[1]: the name 'v' is already used by registers[0]");
    QTest::newRow("float32 past the end")
        << device(QStringLiteral("meter"), 502,
                  {reg(QStringLiteral("v"), QStringLiteral("input"), 65535,
                       {{QStringLiteral("type"), QStringLiteral("float32")}})})
        << QStringLiteral("runs past the last address 65535");
    QTest::newRow("sim_value on a real device")
        << device(QStringLiteral("meter"), 502,
                  {reg(QStringLiteral("v"), QStringLiteral("input"), 0,
                       {{QStringLiteral("sim_value"), 3}})})
        << QStringLiteral("registers[0] (v): sim_value is for simulated devices (sim: true)");
    QTest::newRow("slow device")
        << device(QStringLiteral("meter"), 502, one, {{QStringLiteral("interval_s"), 3600}})
        << QStringLiteral("interval_s 3600 is more than twice the instance's interval_s 600");
}

void tst_Modbus::serialLineShared_data()
{
    QTest::addColumn<QJsonObject>("second");
    QTest::addColumn<QString>("message");

    auto rtu = [](const QString &name, const QJsonObject &line, int unit) {
        return QJsonObject{{QStringLiteral("name"), name},
                           {QStringLiteral("rtu"), line},
                           {QStringLiteral("unit_id"), unit},
                           {QStringLiteral("registers"),
                            QJsonArray{reg(QStringLiteral("v"), QStringLiteral("input"), 0)}}};
    };
    const QJsonObject port{{QStringLiteral("port"), QStringLiteral("ttyUSB0")}};
    QJsonObject fast = port;
    fast.insert(QStringLiteral("baud"), 19200);
    QTest::newRow("other baud rate")
        << rtu(QStringLiteral("b"), fast, 2)
        << QStringLiteral("devices[1] (b): /dev/ttyUSB0 is also used by devices[0] (a) with other "
                          "settings (/dev/ttyUSB0 (9600 8N1), timeout_ms 1000)");
    QTest::newRow("same unit id") << rtu(QStringLiteral("b"), port, 1)
                                  << QStringLiteral("devices[1] (b): unit_id 1 on /dev/ttyUSB0 is "
                                                    "already used by devices[0] (a)");
}

void tst_Modbus::serialLineShared()
{
    // Several devices on one RS-485 line share its port (and so its settings).
    QFETCH(QJsonObject, second);
    QFETCH(QString, message);
    const QJsonObject first{{QStringLiteral("name"), QStringLiteral("a")},
                            {QStringLiteral("rtu"),
                             QJsonObject{{QStringLiteral("port"), QStringLiteral("/dev/ttyUSB0")}}},
                            {QStringLiteral("registers"),
                             QJsonArray{reg(QStringLiteral("v"), QStringLiteral("input"), 0)}}};
    Instance instance;
    QVERIFY(create(&instance));
    QList<Smollama::SchemaError> errors;
    const QJsonObject filled = complete(config({first, second}), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(describe(errors)));
    const Result check = instance.plugin->checkDependencies(filled);
    QVERIFY(check.code() == Result::Code::InvalidConfig);
    QVERIFY2(check.message().startsWith(message), qPrintable(check.message()));
}

void tst_Modbus::configErrors()
{
    QFETCH(QJsonObject, device);
    QFETCH(QString, message);
    Instance instance;
    QVERIFY(create(&instance));
    QList<Smollama::SchemaError> errors;
    const QJsonObject filled = complete(config({device}), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(describe(errors)));
    const Result check = instance.plugin->checkDependencies(filled);
    QVERIFY(check.code() == Result::Code::InvalidConfig);
    QVERIFY2(check.message().contains(message), qPrintable(check.message()));
    FakePluginContext context(QStringLiteral("modbus"), {}, Smollama::PluginMetadata(m_manifest));
    const Result setup = instance.plugin->setup(filled, &context);
    QVERIFY(setup.code() == Result::Code::InvalidConfig);
}

void tst_Modbus::batchPlan_data()
{
    QTest::addColumn<int>("maxGap");
    QTest::addColumn<QList<int>>("addresses"); // holding registers, uint16 unless 1000+ (float32)
    QTest::addColumn<QStringList>("expected"); // "start+count"

    QTest::newRow("neighbours merge") << 0 << QList<int>{0, 1, 2, 3} << QStringList{"0+4"};
    QTest::newRow("32-bit neighbours") << 0 << QList<int>{1000, 1002, 4} << QStringList{"0+5"};
    QTest::newRow("gap within max_gap") << 5 << QList<int>{0, 6} << QStringList{"0+7"};
    QTest::newRow("gap beyond max_gap") << 4 << QList<int>{0, 6} << QStringList{"0+1", "6+1"};
    QTest::newRow("unsorted, overlapping") << 0 << QList<int>{1010, 10, 11} << QStringList{"10+2"};
    QTest::newRow("125 registers per request")
        << 100 << QList<int>{0, 100, 124, 125, 200} << QStringList{"0+125", "125+76"};
}

void tst_Modbus::batchPlan()
{
    QFETCH(int, maxGap);
    QFETCH(QList<int>, addresses);
    QFETCH(QStringList, expected);
    ModbusDeviceConfig dev;
    dev.name = QStringLiteral("d");
    dev.maxGap = maxGap;
    for (int a : std::as_const(addresses)) {
        ModbusRegister r;
        r.index = int(dev.registers.size());
        r.address = a >= 1000 ? a - 1000 : a;
        r.type = a >= 1000 ? ModbusType::Float32 : ModbusType::Uint16;
        dev.registers.append(r);
    }
    QStringList plan;
    for (const ModbusBatch &b : ModbusConfig::planBatches(dev)) {
        plan.append(QStringLiteral("%1+%2").arg(b.start).arg(b.count));
    }
    QCOMPARE(plan, expected);

    // Coils: up to 2000 in one request, never merged with registers.
    ModbusDeviceConfig bits;
    bits.maxGap = 0;
    for (int a : {0, 1, 1999, 2000}) {
        ModbusRegister r;
        r.table = ModbusTable::Coil;
        r.address = a;
        bits.registers.append(r);
    }
    bits.maxGap = 2000;
    QStringList bitPlan;
    for (const ModbusBatch &b : ModbusConfig::planBatches(bits)) {
        bitPlan.append(QStringLiteral("%1+%2").arg(b.start).arg(b.count));
    }
    QCOMPARE(bitPlan, (QStringList{"0+2000", "2000+1"}));
}

void tst_Modbus::conversions()
{
    ModbusRegister r;
    r.type = ModbusType::Int32;
    r.lowWordFirst = true;
    quint16 words[2] = {0x7960, 0xFFFE};
    QCOMPARE(ModbusConfig::decode(r, words).toLongLong(), -100000LL);
    QList<quint16> out;
    QVERIFY(ModbusConfig::encode(r, QJsonValue(-100000), &out).isOk());
    QCOMPARE(out, (QList<quint16>{0x7960, 0xFFFE}));

    r.type = ModbusType::Uint16;
    r.lowWordFirst = false;
    r.scale = 0.5;
    r.offset = 10;
    QVERIFY(ModbusConfig::encode(r, QJsonValue(30.5), &out).isOk());
    QCOMPARE(out, (QList<quint16>{41}));
    const Result tooBig = ModbusConfig::encode(r, QJsonValue(40000), &out);
    QVERIFY(!tooBig.isOk());
    QVERIFY2(tooBig.message().contains(QLatin1String("out of range: uint16 holds 10 to 32777.5")),
             qPrintable(tooBig.message()));

    QCOMPARE(ModbusConfig::registerNumber(ModbusTable::Holding, 99), QStringLiteral("40100"));
    QCOMPARE(ModbusConfig::registerNumber(ModbusTable::Input, 0), QStringLiteral("30001"));
    QCOMPARE(ModbusConfig::registerNumber(ModbusTable::Coil, 0), QStringLiteral("00001"));
    QCOMPARE(ModbusConfig::registerNumber(ModbusTable::Holding, 20000), QStringLiteral("420001"));
}

// --- against the pymodbus server ----------------------------------------------------------------

void tst_Modbus::values_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QVariant>("expected");

    QTest::newRow("int16") << "plc_temp_int16" << QVariant(-1234LL);
    QTest::newRow("uint16") << "plc_count_uint16" << QVariant(54321LL);
    QTest::newRow("int32, big word order") << "plc_energy_int32" << QVariant(-100000LL);
    QTest::newRow("int32, little word order") << "plc_energy_int32_le" << QVariant(-100000LL);
    QTest::newRow("float32, big word order") << "plc_voltage" << QVariant(230.5);
    QTest::newRow("float32, little word order") << "plc_frequency_le" << QVariant(49.75);
    QTest::newRow("uint16, scale and offset") << "plc_scaled" << QVariant(214.5);
    QTest::newRow("uint32") << "plc_total_uint32" << QVariant(3000000000LL);
    QTest::newRow("holding, no type") << "plc_mode" << QVariant(7LL);
    QTest::newRow("input float32") << "plc_current" << QVariant(12.5);
    QTest::newRow("input, scale and offset") << "plc_level" << QVariant(135.0);
    QTest::newRow("coil on") << "plc_pump" << QVariant(true);
    QTest::newRow("coil off") << "plc_valve" << QVariant(false);
    QTest::newRow("discrete input on") << "plc_door" << QVariant(true);
    QTest::newRow("discrete input off") << "plc_window" << QVariant(false);
}

void tst_Modbus::values()
{
    QFETCH(QString, id);
    QFETCH(QVariant, expected);
    FakePluginContext context(QStringLiteral("modbus"), {}, Smollama::PluginMetadata(m_manifest));
    Instance instance;
    const Result started = startPlc(&instance, &context);
    QVERIFY2(started.isOk(), qPrintable(started.message()));

    // setup() waited for the first answers: the value was published when it arrived.
    const Reading reading = instance.readingOf(id);
    QVERIFY2(reading.quality() == Reading::Quality::Ok, qPrintable(qualityOf(reading)));
    if (expected.typeId() == QMetaType::Double) {
        QCOMPARE(reading.value().toDouble(), expected.toDouble());
    } else if (expected.typeId() == QMetaType::Bool) {
        QCOMPARE(reading.value().typeId(), int(QMetaType::Bool));
        QCOMPARE(reading.value().toBool(), expected.toBool());
    } else {
        QCOMPARE(reading.value().toLongLong(), expected.toLongLong());
    }
    QCOMPARE(context.lastPublished(id).value(), reading.value());
}

void tst_Modbus::sourcesDescribeRegisters()
{
    FakePluginContext context(QStringLiteral("modbus"), {}, Smollama::PluginMetadata(m_manifest));
    Instance instance;
    const Result started = startPlc(&instance, &context);
    QVERIFY2(started.isOk(), qPrintable(started.message()));
    const QList<Smollama::SourceInfo> sources = instance.readings->sources();
    QCOMPARE(sources.size(), plcRegisters().size());
    const auto voltage = std::find_if(sources.cbegin(), sources.cend(), [](const auto &s) {
        return s.id == QLatin1String("plc_voltage");
    });
    QVERIFY(voltage != sources.cend());
    QCOMPARE(voltage->unit, QStringLiteral("V"));
    QVERIFY2(voltage->description.contains(QLatin1String("holding register 40007, address 6, "
                                                         "float32")),
             qPrintable(voltage->description));
    // The first poll (in setup) published every register; collection hands out none of them
    // again, so each reading reaches the bus once.
    QSet<QString> published;
    for (const Reading &r : context.published()) {
        published.insert(r.source());
    }
    QCOMPARE(published.size(), plcRegisters().size());
    QVERIFY(instance.readings->read().isEmpty());
}

void tst_Modbus::batchedRequests()
{
    m_server.clearLines();
    FakePluginContext context(QStringLiteral("modbus"), {}, Smollama::PluginMetadata(m_manifest));
    Instance instance;
    const Result started = startPlc(&instance, &context);
    QVERIFY2(started.isOk(), qPrintable(started.message()));

    // One poll cycle (the first, in setup): coils 0-5, discrete inputs 0-1, input registers
    // 0-2, holding registers 0-30 in one request each (gaps up to max_gap 8), and 99 alone.
    const QStringList reads = m_server.reads();
    QCOMPARE(reads, (QStringList{QStringLiteral("READ fc=1 addr=0 count=6"),
                                 QStringLiteral("READ fc=2 addr=0 count=2"),
                                 QStringLiteral("READ fc=4 addr=0 count=3"),
                                 QStringLiteral("READ fc=3 addr=0 count=31"),
                                 QStringLiteral("READ fc=3 addr=99 count=1")}));
    QVERIFY(reads.size() < plcRegisters().size());
    const QJsonObject stats = instance.statistics(QStringLiteral("plc"));
    QCOMPARE(stats.value(QLatin1String("requests")).toInt(), 5);
    QCOMPARE(stats.value(QLatin1String("requests_per_cycle")).toInt(), 5);
    QCOMPARE(stats.value(QLatin1String("cycles")).toInt(), 1);

    // With max_gap 0 only true neighbours share a request.
    m_server.clearLines();
    Instance strict;
    FakePluginContext strictContext(QStringLiteral("modbus"), {},
                                    Smollama::PluginMetadata(m_manifest));
    QVERIFY(startPlc(&strict, &strictContext, {{QStringLiteral("max_gap"), 0}}).isOk());
    const QStringList strictReads = m_server.reads().filter(QStringLiteral("fc=3"));
    QCOMPARE(strictReads, (QStringList{QStringLiteral("READ fc=3 addr=0 count=11"),
                                       QStringLiteral("READ fc=3 addr=12 count=2"),
                                       QStringLiteral("READ fc=3 addr=20 count=3"),
                                       QStringLiteral("READ fc=3 addr=30 count=1"),
                                       QStringLiteral("READ fc=3 addr=99 count=1")}));
}

void tst_Modbus::illegalAddress()
{
    FakePluginContext context(QStringLiteral("modbus"), {}, Smollama::PluginMetadata(m_manifest));
    Instance instance;
    const Result started = startPlc(&instance, &context);
    QVERIFY2(started.isOk(), qPrintable(started.message()));
    const Reading missing = instance.readingOf(QStringLiteral("plc_missing"));
    QVERIFY(missing.quality() == Reading::Quality::Error);
    QVERIFY(missing.value().isNull());
    QVERIFY2(missing.message().startsWith(
                 QLatin1String("illegal data address 40100 (holding register 99 of plc)")),
             qPrintable(missing.message()));
    // The device's other registers are unaffected.
    QVERIFY(instance.readingOf(QStringLiteral("plc_mode")).quality() == Reading::Quality::Ok);
}

void tst_Modbus::illegalAddressInsideMergedRequest()
{
    // max_gap 100 merges 99 into one request with 0-30: the server refuses the whole of it.
    // The plugin then reads those registers one by one, so the good ones still have values.
    m_server.clearLines();
    FakePluginContext context(QStringLiteral("modbus"), {}, Smollama::PluginMetadata(m_manifest));
    Instance instance;
    const Result started = startPlc(&instance, &context, {{QStringLiteral("max_gap"), 100}});
    QVERIFY2(started.isOk(), qPrintable(started.message()));
    QVERIFY(m_server.reads().contains(QStringLiteral("READ fc=3 addr=0 count=100")));
    const Reading missing = instance.readingOf(QStringLiteral("plc_missing"));
    QVERIFY2(missing.message().startsWith(QLatin1String("illegal data address 40100")),
             qPrintable(qualityOf(missing)));
    const Reading voltage = instance.readingOf(QStringLiteral("plc_voltage"));
    QVERIFY2(voltage.quality() == Reading::Quality::Ok, qPrintable(qualityOf(voltage)));
    QCOMPARE(voltage.value().toDouble(), 230.5);
    QVERIFY(instance.statistics(QStringLiteral("plc"))
                .value(QLatin1String("requests_per_cycle"))
                .toInt() > 4);
}

void tst_Modbus::noAnswer()
{
    // A TCP peer that accepts the connection and never answers.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    QList<QTcpSocket *> peers;
    connect(&silent, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *s = silent.nextPendingConnection()) {
            peers.append(s);
        }
    });
    FakePluginContext context(QStringLiteral("modbus"), {}, Smollama::PluginMetadata(m_manifest));
    Instance instance;
    QVERIFY(create(&instance));
    const Result started =
        start(&instance, &context,
              config({device(QStringLiteral("dead"), silent.serverPort(),
                             {reg(QStringLiteral("v"), QStringLiteral("input"), 0)},
                             {{QStringLiteral("timeout_ms"), 300}})}));
    QVERIFY2(started.isOk(), qPrintable(started.message()));
    const Reading v = instance.readingOf(QStringLiteral("dead_v"));
    QVERIFY(v.quality() == Reading::Quality::Error);
    QCOMPARE(v.message(), QStringLiteral("no answer from dead within 300 ms"));
    QVERIFY(!peers.isEmpty());
}

void tst_Modbus::silentConnectionIsMadeAnew()
{
    // A peer that keeps the connection open but never answers (a hung gateway, a half-open
    // connection): after three polls with nothing but timeouts the plugin reconnects.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    QList<QTcpSocket *> peers;
    connect(&silent, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *s = silent.nextPendingConnection()) {
            peers.append(s);
        }
    });
    FakePluginContext context(QStringLiteral("modbus"), {}, Smollama::PluginMetadata(m_manifest));
    Instance instance;
    QVERIFY(create(&instance));
    const Result started =
        start(&instance, &context,
              {{QStringLiteral("interval_s"), 0.2},
               {QStringLiteral("devices"),
                QJsonArray{device(QStringLiteral("dead"), silent.serverPort(),
                                  {reg(QStringLiteral("v"), QStringLiteral("input"), 0)},
                                  {{QStringLiteral("timeout_ms"), 100}})}}});
    QVERIFY2(started.isOk(), qPrintable(started.message()));
    QTRY_VERIFY_WITH_TIMEOUT(peers.size() >= 2, 10000);
    bool sawDrop = false;
    for (const Reading &r : context.published()) {
        sawDrop = sawDrop || r.message().startsWith(
                                 QStringLiteral("connection to dead (127.0.0.1:%1) lost: no "
                                                "answer to 3 polls in a row; retrying in")
                                     .arg(silent.serverPort()));
    }
    QVERIFY(sawDrop);
}

void tst_Modbus::rapidReconnectsThenTeardownInFlight()
{
    // Regression: many silent-connection drops and reconnections in a row, then a teardown
    // while a request is in flight. Closing the connection aborts that request; the aborted
    // reply must not come back as readings from a stopping device, nor touch a client or a
    // context that is going away (this used to corrupt the heap now and then).
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    QList<QTcpSocket *> peers;
    connect(&silent, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *s = silent.nextPendingConnection()) {
            peers.append(s);
        }
    });
    FakePluginContext context(QStringLiteral("modbus"), {}, Smollama::PluginMetadata(m_manifest));
    Instance instance;
    QVERIFY(create(&instance));
    const Result started =
        start(&instance, &context,
              {{QStringLiteral("interval_s"), 0.1},
               {QStringLiteral("devices"),
                QJsonArray{device(QStringLiteral("dead"), silent.serverPort(),
                                  {reg(QStringLiteral("v"), QStringLiteral("input"), 0),
                                   reg(QStringLiteral("w"), QStringLiteral("holding"), 50)},
                                  {{QStringLiteral("timeout_ms"), 20},
                                   {QStringLiteral("interval_s"), 0.05},
                                   {QStringLiteral("reconnect_max_s"), 0.5}})}}});
    QVERIFY2(started.isOk(), qPrintable(started.message()));
    constexpr int cycles = 6;
    QTRY_VERIFY_WITH_TIMEOUT(
        instance.statistics(QStringLiteral("dead")).value(QLatin1String("connections")).toInt() >=
            cycles,
        30000);
    QVERIFY(peers.size() >= cycles);
    int drops = 0;
    for (const Reading &r : context.published()) {
        if (r.source() == QLatin1String("dead_v") &&
            r.message().startsWith(QStringLiteral("connection to dead (127.0.0.1:%1) lost: no "
                                                  "answer to 3 polls in a row")
                                       .arg(silent.serverPort()))) {
            ++drops;
        }
    }
    QVERIFY2(drops >= cycles - 1, qPrintable(QString::number(drops)));

    // Tear down the moment a poll is waiting for its answers (two requests per poll; sent
    // more than answered means some are in flight).
    auto inFlight = [&] {
        const QJsonObject stats = instance.statistics(QStringLiteral("dead"));
        return stats.value(QLatin1String("connected")).toBool() &&
               stats.value(QLatin1String("requests")).toInt() >
                   2 * stats.value(QLatin1String("cycles")).toInt();
    };
    QTRY_VERIFY_WITH_TIMEOUT(inFlight(), 10000);
    context.clearPublished(); // from here on, anything published came during the teardown
    instance.tearDown();
    // Whatever the teardown left queued (events, deferred deletes) runs now, into nothing.
    QCoreApplication::sendPostedEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCoreApplication::processEvents();
    const QList<Reading> late = context.published();
    QVERIFY2(late.isEmpty(), qPrintable(late.isEmpty() ? QString() : qualityOf(late.first())));
}

void tst_Modbus::connectionRefused()
{
    QTcpServer placeholder;
    QVERIFY(placeholder.listen(QHostAddress::LocalHost, 0));
    const int port = placeholder.serverPort();
    placeholder.close(); // nothing listens there now

    FakePluginContext context(QStringLiteral("modbus"), {}, Smollama::PluginMetadata(m_manifest));
    Instance instance;
    QVERIFY(create(&instance));
    const Result started =
        start(&instance, &context,
              config({device(QStringLiteral("gone"), port,
                             {reg(QStringLiteral("v"), QStringLiteral("input"), 0)})}));
    // An unreachable device is no setup failure: its readings say what is wrong.
    QVERIFY2(started.isOk(), qPrintable(started.message()));
    const Reading v = instance.readingOf(QStringLiteral("gone_v"));
    QVERIFY(v.quality() == Reading::Quality::Error);
    QVERIFY2(v.message().startsWith(
                 QStringLiteral("cannot connect to gone at 127.0.0.1:%1: ").arg(port)),
             qPrintable(v.message()));
    QVERIFY2(v.message().endsWith(QLatin1String("; retrying in 0.5 s")), qPrintable(v.message()));
}

void tst_Modbus::reconnectsAfterServerComesBack()
{
    ModbusServer server;
    QString error;
    QVERIFY2(server.start(0, &error), qPrintable(error));
    const int port = server.port();

    FakePluginContext context(QStringLiteral("modbus"), {}, Smollama::PluginMetadata(m_manifest));
    Instance instance;
    QVERIFY(create(&instance));
    const Result started = start(&instance, &context,
                                 config({device(QStringLiteral("plc"), port, plcRegisters(),
                                                {{QStringLiteral("reconnect_max_s"), 1}})}));
    QVERIFY2(started.isOk(), qPrintable(started.message()));
    QCOMPARE(instance.readingOf(QStringLiteral("plc_voltage")).value().toDouble(), 230.5);

    // The server goes away: the readings turn to errors that say so.
    server.stop();
    QTRY_VERIFY_WITH_TIMEOUT(instance.readingOf(QStringLiteral("plc_voltage")).quality() ==
                                 Reading::Quality::Error,
                             10000);
    const Reading lost = context.lastPublished(QStringLiteral("plc_voltage"));
    QVERIFY2(lost.message().startsWith(
                 QStringLiteral("connection to plc (127.0.0.1:%1) lost").arg(port)),
             qPrintable(lost.message()));
    QVERIFY2(lost.message().contains(QLatin1String("retrying in")), qPrintable(lost.message()));
    // While it is away, reconnection attempts fail and say so.
    QTRY_VERIFY_WITH_TIMEOUT(context.lastPublished(QStringLiteral("plc_voltage"))
                                 .message()
                                 .startsWith(QLatin1String("cannot connect to plc")),
                             10000);

    // It comes back on the same port: the plugin reconnects by itself and reads again.
    ModbusServer again;
    QVERIFY2(again.start(port, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(
        instance.readingOf(QStringLiteral("plc_voltage")).quality() == Reading::Quality::Ok, 15000);
    QCOMPARE(instance.readingOf(QStringLiteral("plc_voltage")).value().toDouble(), 230.5);
    QCOMPARE(context.lastPublished(QStringLiteral("plc_voltage")).value().toDouble(), 230.5);
    QVERIFY(
        instance.statistics(QStringLiteral("plc")).value(QLatin1String("connections")).toInt() >=
        2);
}

void tst_Modbus::writeTool_data()
{
    QTest::addColumn<QString>("reg");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("serverSees");
    QTest::addColumn<QVariant>("readBack");

    QTest::newRow("uint16 with scale")
        << "setpoint" << QJsonValue(22.5) << "WRITE fc=6 addr=20 values=45" << QVariant(22.5);
    QTest::newRow("float32") << "limit" << QJsonValue(-2.25) << "WRITE fc=16 addr=21 values=49168,0"
                             << QVariant(-2.25);
    QTest::newRow("coil") << "fan" << QJsonValue(true) << "WRITE fc=5 addr=5 values=1"
                          << QVariant(true);
}

void tst_Modbus::writeTool()
{
    QFETCH(QString, reg);
    QFETCH(QJsonValue, value);
    QFETCH(QString, serverSees);
    QFETCH(QVariant, readBack);

    ModbusServer server; // its own map: writes do not leak into the other tests
    QString error;
    QVERIFY2(server.start(0, &error), qPrintable(error));
    FakePluginContext context(QStringLiteral("modbus"), {}, Smollama::PluginMetadata(m_manifest));
    Instance instance;
    QVERIFY(create(&instance));
    QVERIFY(start(&instance, &context,
                  config({device(QStringLiteral("plc"), server.port(), plcRegisters())}))
                .isOk());

    const ToolResult result = instance.write(QStringLiteral("plc"), reg, value);
    QVERIFY2(result.isOk(), qPrintable(result.errorMessage()));
    QCOMPARE(result.value().toObject().value(QLatin1String("value")).toVariant(), readBack);
    QTRY_COMPARE_WITH_TIMEOUT(server.writes(), QStringList{serverSees}, 5000);
    // The plugin reads the device again right after the write.
    const QString id = QStringLiteral("plc_") + reg;
    QTRY_COMPARE_WITH_TIMEOUT(context.lastPublished(id).value(), readBack, 5000);
    QCOMPARE(instance.readingOf(id).value(), readBack);
}

void tst_Modbus::writeRefused_data()
{
    QTest::addColumn<QString>("dev");
    QTest::addColumn<QString>("reg");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("message");

    QTest::newRow("not marked writable")
        << "plc"
        << "mode" << QJsonValue(1) << "plc mode is not marked writable, so it is not written";
    QTest::newRow("input register")
        << "plc"
        << "current" << QJsonValue(1)
        << "plc current (30001) is read-only: input registers cannot be written in Modbus";
    QTest::newRow("discrete input")
        << "plc"
        << "door" << QJsonValue(true)
        << "plc door (10001) is read-only: discrete inputs cannot be written";
    QTest::newRow("unknown register")
        << "plc"
        << "nope" << QJsonValue(1) << "device 'plc' has no register named 'nope'";
    QTest::newRow("unknown device")
        << "boiler"
        << "mode" << QJsonValue(1) << "no Modbus device named 'boiler'; the devices are: plc";
    QTest::newRow("out of range")
        << "plc"
        << "setpoint" << QJsonValue(40000)
        << "cannot write plc setpoint: 40000 is out of range: uint16 holds 0 to 32767.5";
    QTest::newRow("coil takes on/off") << "plc"
                                       << "fan" << QJsonValue(7) << "a coil is on or off";
}

void tst_Modbus::writeRefused()
{
    QFETCH(QString, dev);
    QFETCH(QString, reg);
    QFETCH(QJsonValue, value);
    QFETCH(QString, message);
    m_server.clearLines();
    FakePluginContext context(QStringLiteral("modbus"), {}, Smollama::PluginMetadata(m_manifest));
    Instance instance;
    QVERIFY(startPlc(&instance, &context).isOk());
    const ToolResult result = instance.write(dev, reg, value);
    QVERIFY(!result.isOk());
    QVERIFY2(result.errorMessage().contains(message), qPrintable(result.errorMessage()));
    // Nothing reached the device.
    QVERIFY(m_server.writes().isEmpty());
}

void tst_Modbus::rtuMissingPort()
{
    Instance instance;
    QVERIFY(create(&instance));
    QList<Smollama::SchemaError> errors;
    const QJsonObject filled = complete(
        config({QJsonObject{{QStringLiteral("name"), QStringLiteral("meter")},
                            {QStringLiteral("rtu"),
                             QJsonObject{{QStringLiteral("port"), QStringLiteral("ttyNOPE9")}}},
                            {QStringLiteral("registers"),
                             QJsonArray{reg(QStringLiteral("v"), QStringLiteral("input"), 0)}}}}),
        &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(describe(errors)));
    const Result check = instance.plugin->checkDependencies(filled);
    QVERIFY(check.code() == Result::Code::Error); // shown as missing_dependencies
    QVERIFY2(check.message().startsWith(
                 QLatin1String("devices[0] (meter): the serial port /dev/ttyNOPE9 does not exist")),
             qPrintable(check.message()));
}

void tst_Modbus::rtuPortThatIsNoSerialPort()
{
    // /dev/null exists and may be opened, but it is no serial line: the RTU path runs up to
    // opening the port and reports why it cannot.
    FakePluginContext context(QStringLiteral("modbus"), {}, Smollama::PluginMetadata(m_manifest));
    Instance instance;
    QVERIFY(create(&instance));
    const Result started = start(
        &instance, &context,
        config({QJsonObject{{QStringLiteral("name"), QStringLiteral("meter")},
                            {QStringLiteral("rtu"),
                             QJsonObject{{QStringLiteral("port"), QStringLiteral("/dev/null")},
                                         {QStringLiteral("parity"), QStringLiteral("even")}}},
                            {QStringLiteral("registers"),
                             QJsonArray{reg(QStringLiteral("v"), QStringLiteral("input"), 0)}}}}));
    QVERIFY2(started.isOk(), qPrintable(started.message()));
    const Reading v = instance.readingOf(QStringLiteral("meter_v"));
    QVERIFY(v.quality() == Reading::Quality::Error);
    QVERIFY2(v.message().startsWith(
                 QLatin1String("cannot open the serial port /dev/null (9600 8E1) for meter: ")),
             qPrintable(v.message()));
}

void tst_Modbus::rtuLineSharedByTwoDevices()
{
    // A pseudo-terminal stands in for an RS-485 adapter: its other end sees the RTU frames.
    // Nothing answers, so both devices time out, but both were sent over the one open port.
    const int master = ::posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0) {
        QSKIP("no pseudo-terminal available (/dev/ptmx)");
    }
    const auto closeMaster = qScopeGuard([master] { ::close(master); });
    QVERIFY(::grantpt(master) == 0 && ::unlockpt(master) == 0);
    const QString slave = QString::fromLocal8Bit(::ptsname(master));

    auto rtuDevice = [&slave](const QString &name, int unit) {
        return QJsonObject{{QStringLiteral("name"), name},
                           {QStringLiteral("rtu"), QJsonObject{{QStringLiteral("port"), slave}}},
                           {QStringLiteral("unit_id"), unit},
                           {QStringLiteral("timeout_ms"), 200},
                           {QStringLiteral("registers"),
                            QJsonArray{reg(QStringLiteral("v"), QStringLiteral("input"), 0)}}};
    };
    FakePluginContext context(QStringLiteral("modbus"), {}, Smollama::PluginMetadata(m_manifest));
    Instance instance;
    QVERIFY(create(&instance));
    const Result started = start(
        &instance, &context,
        config({rtuDevice(QStringLiteral("first"), 1), rtuDevice(QStringLiteral("second"), 2)}));
    QVERIFY2(started.isOk(), qPrintable(started.message()));
    QTRY_COMPARE(instance.readingOf(QStringLiteral("first_v")).message(),
                 QStringLiteral("no answer from first within 200 ms"));
    QTRY_COMPARE(instance.readingOf(QStringLiteral("second_v")).message(),
                 QStringLiteral("no answer from second within 200 ms"));

    // Two read-input-registers frames: unit 1, then unit 2 (8 bytes each with the CRC).
    QByteArray frames;
    char buffer[256];
    ::fcntl(master, F_SETFL, ::fcntl(master, F_GETFL) | O_NONBLOCK);
    for (ssize_t n = 0; (n = ::read(master, buffer, sizeof buffer)) > 0;) {
        frames.append(buffer, int(n));
    }
    QVERIFY2(frames.size() >= 16, frames.toHex(' ').constData());
    QCOMPARE(frames.left(2).toHex(), QByteArray("0104"));
    QVERIFY2(frames.contains(QByteArray::fromHex("0204")), frames.toHex(' ').constData());
}

void tst_Modbus::simulatedDevice()
{
    // sim: true answers from memory through the same code paths: no server needed.
    FakePluginContext context(QStringLiteral("modbus"), {}, Smollama::PluginMetadata(m_manifest));
    Instance instance;
    QVERIFY(create(&instance));
    const QJsonObject sim{
        {QStringLiteral("name"), QStringLiteral("demo")},
        {QStringLiteral("sim"), true},
        {QStringLiteral("registers"),
         QJsonArray{reg(QStringLiteral("voltage"), QStringLiteral("input"), 0,
                        {{QStringLiteral("type"), QStringLiteral("float32")},
                         {QStringLiteral("word_order"), QStringLiteral("little")},
                         {QStringLiteral("sim_value"), 230.1},
                         {QStringLiteral("unit"), QStringLiteral("V")}}),
                    reg(QStringLiteral("setpoint"), QStringLiteral("holding"), 10,
                        {{QStringLiteral("type"), QStringLiteral("int16")},
                         {QStringLiteral("scale"), 0.1},
                         {QStringLiteral("sim_value"), -5.5},
                         {QStringLiteral("writable"), true}}),
                    reg(QStringLiteral("relay"), QStringLiteral("coil"), 3,
                        {{QStringLiteral("sim_value"), true}, {QStringLiteral("writable"), true}}),
                    reg(QStringLiteral("spare"), QStringLiteral("holding"), 12)}}};
    const Result started = start(&instance, &context, config({sim}));
    QVERIFY2(started.isOk(), qPrintable(started.message()));
    QCOMPARE(instance.readingOf(QStringLiteral("demo_voltage")).value().toDouble(), 230.1);
    QCOMPARE(instance.readingOf(QStringLiteral("demo_voltage")).unit(), QStringLiteral("V"));
    QCOMPARE(instance.readingOf(QStringLiteral("demo_setpoint")).value().toDouble(), -5.5);
    QCOMPARE(instance.readingOf(QStringLiteral("demo_relay")).value(), QVariant(true));
    QCOMPARE(instance.readingOf(QStringLiteral("demo_spare")).value().toLongLong(), 0LL);

    const ToolResult written =
        instance.write(QStringLiteral("demo"), QStringLiteral("setpoint"), QJsonValue(21.3));
    QVERIFY2(written.isOk(), qPrintable(written.errorMessage()));
    QTRY_COMPARE(instance.readingOf(QStringLiteral("demo_setpoint")).value().toDouble(), 21.3);
    QVERIFY(
        instance.write(QStringLiteral("demo"), QStringLiteral("relay"), QJsonValue(false)).isOk());
    QTRY_COMPARE(instance.readingOf(QStringLiteral("demo_relay")).value(), QVariant(false));
    QVERIFY(!instance.write(QStringLiteral("demo"), QStringLiteral("spare"), QJsonValue(1)).isOk());
}

void tst_Modbus::inTheHost()
{
    // The whole path of smollama itself: config.yaml, the plugin manager (setup on the
    // instance's worker thread), the reading manager polling it, and modbus_write through the
    // tool registry (run on that worker thread too).
    ModbusServer server;
    QString error;
    QVERIFY2(server.start(0, &error), qPrintable(error));
    QTemporaryDir tmp;
    const QByteArray yaml = QStringLiteral("plugins:\n"
                                           "  builtin:\n"
                                           "    modbus:\n"
                                           "      config:\n"
                                           "        interval_s: 1\n"
                                           "        devices:\n"
                                           "          - name: plc\n"
                                           "            tcp: \"127.0.0.1:%1\"\n"
                                           "            registers:\n"
                                           "              - {name: voltage, address: 6, type: "
                                           "float32, unit: V}\n"
                                           "              - {name: setpoint, address: 20, "
                                           "scale: 0.5, writable: true}\n")
                                .arg(server.port())
                                .toUtf8();
    const Smollama::Config config =
        Smollama::Config::fromYaml(yaml, tmp.filePath(QStringLiteral("config.yaml")));
    QVERIFY2(!config.hasErrors(), qPrintable(config.diagnostics().value(0).toString()));
    Smollama::PluginManager plugins;
    plugins.setBuiltinPluginDir(QStringLiteral(SMOLLAMA_BUILTIN_PLUGIN_BUILD_DIR));
    plugins.setConfig(config);
    Smollama::ReadingBus bus;
    Smollama::ReadingManager readings(&plugins, &bus);
    plugins.prepare();
    plugins.initializePlugins();
    Smollama::PluginInstance *instance = plugins.instance(QStringLiteral("modbus"));
    QVERIFY(instance);
    QVERIFY2(instance->state() == Smollama::PluginState::Loaded, qPrintable(instance->reason()));
    readings.start();

    QTRY_COMPARE(readings.latest(QStringLiteral("modbus:plc_voltage")).value().toDouble(), 230.5);
    QCOMPARE(readings.latest(QStringLiteral("modbus:plc_setpoint")).value().toDouble(), 20.0);

    Smollama::ToolRegistry tools;
    QCOMPARE(tools.registerPluginTools(&plugins), QStringList());
    const ToolResult written = tools.call(QStringLiteral("modbus_write"),
                                          {{QStringLiteral("device"), QStringLiteral("plc")},
                                           {QStringLiteral("register"), QStringLiteral("setpoint")},
                                           {QStringLiteral("value"), 25}});
    QVERIFY2(written.isOk(), qPrintable(written.errorMessage()));
    QTRY_COMPARE(server.writes(), QStringList{QStringLiteral("WRITE fc=6 addr=20 values=50")});
    QTRY_COMPARE(readings.latest(QStringLiteral("modbus:plc_setpoint")).value().toDouble(), 25.0);
    const ToolResult refused = tools.call(QStringLiteral("modbus_write"),
                                          {{QStringLiteral("device"), QStringLiteral("plc")},
                                           {QStringLiteral("register"), QStringLiteral("voltage")},
                                           {QStringLiteral("value"), 1}});
    QVERIFY(!refused.isOk());
    QVERIFY2(refused.errorMessage().contains(QLatin1String("not marked writable")),
             qPrintable(refused.errorMessage()));

    readings.stop();
    tools.unregisterOwner(QStringLiteral("modbus"));
    plugins.shutdownPlugins();
}

void tst_Modbus::documentedConfigs_data()
{
    // Every configuration shown in docs/modbus.md, and the commented example of
    // config.example.yaml, must be accepted as written.
    QTest::addColumn<QByteArray>("yaml");

    QFile doc(QStringLiteral(SMOLLAMA_SOURCE_DIR "/docs/modbus.md"));
    QVERIFY(doc.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(doc.readAll());
    static const QRegularExpression block(QStringLiteral("```yaml\\n(.*?)```"),
                                          QRegularExpression::DotMatchesEverythingOption);
    const QString head = QStringLiteral("plugins:\n  builtin:\n    modbus:\n      config:\n");
    int count = 0;
    for (auto it = block.globalMatch(text); it.hasNext();) {
        const QString yaml = it.next().captured(1);
        const QString first = yaml.trimmed();
        QString full;
        if (first.startsWith(QLatin1String("plugins:"))) {
            full = yaml;
        } else if (first.startsWith(QLatin1String("devices:"))) {
            full = head + yaml;
        } else if (first.startsWith(QLatin1String("- name:"))) {
            full = head + QStringLiteral("        devices:\n") + yaml;
        } else {
            continue;
        }
        QTest::newRow(qPrintable(QStringLiteral("docs/modbus.md block %1").arg(++count)))
            << full.toUtf8();
    }
    QVERIFY(count >= 4);

    QFile example(QStringLiteral(SMOLLAMA_SOURCE_DIR "/config.example.yaml"));
    QVERIFY(example.open(QIODevice::ReadOnly));
    QStringList lines;
    bool inside = false;
    for (const QString &line : QString::fromUtf8(example.readAll()).split(QLatin1Char('\n'))) {
        if (line == QLatin1String("    # modbus:")) {
            inside = true;
        } else if (inside && !line.startsWith(QLatin1String("    #   "))) {
            break;
        }
        if (inside) {
            lines.append(line.left(4) + line.mid(6));
        }
    }
    QVERIFY(lines.size() > 10);
    QTest::newRow("config.example.yaml")
        << (QStringLiteral("plugins:\n  builtin:\n") + lines.join(QLatin1Char('\n'))).toUtf8();
}

void tst_Modbus::documentedConfigs()
{
    QFETCH(QByteArray, yaml);
    const Smollama::Config loaded =
        Smollama::Config::fromYaml(yaml, QStringLiteral("example.yaml"), QProcessEnvironment());
    QVERIFY2(!loaded.hasErrors(), yaml.constData());
    QJsonObject written;
    for (const Smollama::InstanceConfig &instanceConfig : loaded.instances()) {
        if (instanceConfig.module == QLatin1String("modbus")) {
            written = instanceConfig.config;
        }
    }
    QVERIFY2(!written.isEmpty(), yaml.constData());
    QList<Smollama::SchemaError> errors;
    const QJsonObject config = complete(written, &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(describe(errors)));
    ModbusConfig parsed;
    const Result result = parsed.parse(config);
    QVERIFY2(result.isOk(), qPrintable(result.message()));
    QVERIFY(!parsed.devices().isEmpty());
}

QTEST_GUILESS_MAIN(tst_Modbus)
#include "tst_modbus.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "systemstats.h"

#include <smollama/plugin.h>
#include <smollama/plugincontext.h>
#include <smollama/pluginfactory.h>
#include <smollama/pluginmetadata.h>
#include <smollama/readingprovider.h>
#include <smollama/testing.h>
#include <smollama/version.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QPluginLoader>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using Smollama::Reading;
using Smollama::Internal::SystemStats;

namespace {

// A fake root with proc/ and sys/ below it, filled per test.
class FakeTree
{
public:
    FakeTree()
    {
        QDir(m_dir.path()).mkpath(QStringLiteral("proc"));
        QDir(m_dir.path()).mkpath(QStringLiteral("sys"));
    }

    bool isValid() const { return m_dir.isValid(); }
    QString proc() const { return m_dir.filePath(QStringLiteral("proc")); }
    QString sys() const { return m_dir.filePath(QStringLiteral("sys")); }
    SystemStats stats() const { return SystemStats(proc(), sys()); }

    // Writes \a content to \a relativePath ("proc/stat"), creating folders.
    bool write(const QString &relativePath, const QByteArray &content) const
    {
        const QString path = m_dir.filePath(relativePath);
        if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
            return false;
        }
        QFile file(path);
        return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
               file.write(content) == content.size();
    }

    // Adds /sys/class/thermal/thermal_zone<n> with its type and temp files.
    bool addZone(int number, const QByteArray &type, const QByteArray &milliCelsius) const
    {
        const QString zone = QStringLiteral("sys/class/thermal/thermal_zone%1/").arg(number);
        return write(zone + QStringLiteral("type"), type + '\n') &&
               write(zone + QStringLiteral("temp"), milliCelsius + '\n');
    }

private:
    QTemporaryDir m_dir;
};

bool isErrorReading(const Reading &reading)
{
    return reading.quality() == Reading::Quality::Error && reading.value().isNull() &&
           !reading.message().isEmpty();
}

QString describe(const Reading &reading)
{
    return QStringLiteral("%1 = %2 %3 (%4%5)")
        .arg(reading.source(), reading.value().toString(), reading.unit(),
             Reading::qualityName(reading.quality()),
             reading.message().isEmpty() ? QString() : QStringLiteral(": ") + reading.message());
}

// What the host gives an instance at setup(): here only a record of published readings.
QString builtPluginPath()
{
    return QStringLiteral(SMOLLAMA_BUILTIN_PLUGIN_BUILD_DIR "/libsmollama_system.so");
}

} // namespace

class tst_SystemPlugin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cpuPercent_data();
    void cpuPercent();
    void cpuPercentNeedsTwoSamples();
    void cpuPercentWithoutElapsedTime();
    void cpuPercentBadStat_data();
    void cpuPercentBadStat();
    void checkAvailable();

    void memory_data();
    void memory();
    void memoryErrors_data();
    void memoryErrors();

    void loadAverage_data();
    void loadAverage();
    void uptime_data();
    void uptime();

    void cpuFrequency_data();
    void cpuFrequency();
    void cpuFrequencyUnavailable();

    void cpuTemperature_data();
    void cpuTemperature();
    void cpuTemperatureWithoutZones_data();
    void cpuTemperatureWithoutZones();
    void cpuTemperatureErrors_data();
    void cpuTemperatureErrors();

    void diskSourceId_data();
    void diskSourceId();
    void diskSources();
    void diskUsage_data();
    void diskUsage();

    void sourceInfos_data();
    void sourceInfos();

    void builtPluginManifest();
    void builtPluginReadsThisMachine();
    void builtPluginRejectsRelativeMount();
};

// --- CPU usage --------------------------------------------------------------------------------

void tst_SystemPlugin::cpuPercent_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");
    QTest::addColumn<double>("expected");

    // Fields: user nice system idle iowait irq softirq steal guest guest_nice
    QTest::newRow("half busy") << QByteArray("cpu  100 0 100 800 0 0 0 0 0 0")
                               << QByteArray("cpu  150 0 150 900 0 0 0 0 0 0") << 50.0;
    QTest::newRow("iowait counts as idle") << QByteArray("cpu  0 0 0 0 0 0 0 0 0 0")
                                           << QByteArray("cpu  10 5 5 60 20 0 0 0 0 0") << 20.0;
    QTest::newRow("irq, softirq and steal are busy")
        << QByteArray("cpu  0 0 0 0 0 0 0 0 0 0") << QByteArray("cpu  10 0 0 50 0 10 10 20 0 0")
        << 50.0;
    QTest::newRow("guest is already in user") << QByteArray("cpu  0 0 0 0 0 0 0 0 0 0")
                                              << QByteArray("cpu  30 0 0 70 0 0 0 0 30 5") << 30.0;
    QTest::newRow("idle") << QByteArray("cpu  5 5 5 5 5 5 5 5 0 0")
                          << QByteArray("cpu  5 5 5 405 5 5 5 5 0 0") << 0.0;
    QTest::newRow("fully busy") << QByteArray("cpu  5 5 5 5 5 5 5 5 0 0")
                                << QByteArray("cpu  105 5 105 5 5 5 5 5 0 0") << 100.0;
    QTest::newRow("old kernel, four fields")
        << QByteArray("cpu 0 0 0 0") << QByteArray("cpu 25 0 0 75") << 25.0;
}

void tst_SystemPlugin::cpuPercent()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    QFETCH(double, expected);

    // Per-core lines and other counters must not disturb the aggregate line.
    const QByteArray rest = "\ncpu0 999 999 999 1 0 0 0 0 0 0\ncpu1 7 7 7 7 7 7 7 7 0 0\n"
                            "intr 123456 0 9 0\nctxt 987654\nbtime 1700000000\n";
    FakeTree tree;
    QVERIFY(tree.isValid());
    QVERIFY(tree.write(QStringLiteral("proc/stat"), before + rest));
    SystemStats stats = tree.stats();
    QVERIFY(stats.sampleCpu());
    QVERIFY(stats.hasCpuSample());

    QVERIFY(tree.write(QStringLiteral("proc/stat"), after + rest));
    const Reading reading = stats.cpuPercent();
    QVERIFY2(reading.quality() == Reading::Quality::Ok, qPrintable(describe(reading)));
    QCOMPARE(reading.source(), QStringLiteral("cpu_percent"));
    QCOMPARE(reading.unit(), QStringLiteral("%"));
    QCOMPARE(reading.value().toDouble(), expected);
    QVERIFY(reading.timestamp().isValid());
}

void tst_SystemPlugin::cpuPercentNeedsTwoSamples()
{
    FakeTree tree;
    QVERIFY(tree.write(QStringLiteral("proc/stat"), "cpu  100 0 100 800 0 0 0 0 0 0\n"));
    SystemStats stats = tree.stats();
    QVERIFY(!stats.hasCpuSample());
    QCOMPARE(stats.msSinceCpuSample(), -1);

    // Without an earlier sample there is no usage to report: an error, not a made-up 0.
    const Reading first = stats.cpuPercent();
    QVERIFY2(isErrorReading(first), qPrintable(describe(first)));
    QCOMPARE(first.source(), QStringLiteral("cpu_percent"));
    QCOMPARE(first.unit(), QStringLiteral("%"));

    // ... but that read became the earlier sample.
    QVERIFY(stats.hasCpuSample());
    QVERIFY(tree.write(QStringLiteral("proc/stat"), "cpu  175 0 175 850 0 0 0 0 0 0\n"));
    const Reading second = stats.cpuPercent();
    QVERIFY2(second.quality() == Reading::Quality::Ok, qPrintable(describe(second)));
    QCOMPARE(second.value().toDouble(), 75.0);

    stats.clearCpuSample();
    QVERIFY(!stats.hasCpuSample());
    QVERIFY(isErrorReading(stats.cpuPercent()));
}

void tst_SystemPlugin::cpuPercentWithoutElapsedTime()
{
    FakeTree tree;
    QVERIFY(tree.write(QStringLiteral("proc/stat"), "cpu  100 0 100 800 0 0 0 0 0 0\n"));
    SystemStats stats = tree.stats();
    QVERIFY(stats.sampleCpu());

    // Two identical samples: nothing to divide by.
    const Reading same = stats.cpuPercent();
    QVERIFY2(isErrorReading(same), qPrintable(describe(same)));
    QVERIFY2(same.message().contains(QLatin1String("no CPU time passed")),
             qPrintable(same.message()));

    // The older sample was kept, so the next reading spans the whole window.
    QVERIFY(tree.write(QStringLiteral("proc/stat"), "cpu  190 0 100 810 0 0 0 0 0 0\n"));
    const Reading later = stats.cpuPercent();
    QVERIFY2(later.quality() == Reading::Quality::Ok, qPrintable(describe(later)));
    QCOMPARE(later.value().toDouble(), 90.0);
}

void tst_SystemPlugin::cpuPercentBadStat_data()
{
    QTest::addColumn<QByteArray>("stat");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("no cpu line") << QByteArray("cpu0 1 2 3 4\nintr 5\n")
                                 << QStringLiteral("no aggregate \"cpu\" line");
    QTest::newRow("too few fields")
        << QByteArray("cpu 1 2 3\n") << QStringLiteral("unexpected cpu line");
    QTest::newRow("not a number") << QByteArray("cpu 1 2 x 4 5\n")
                                  << QStringLiteral("unexpected cpu line");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("no aggregate \"cpu\" line");
}

void tst_SystemPlugin::cpuPercentBadStat()
{
    QFETCH(QByteArray, stat);
    QFETCH(QString, messagePart);

    FakeTree tree;
    QVERIFY(tree.write(QStringLiteral("proc/stat"), stat));
    SystemStats stats = tree.stats();
    QVERIFY(!stats.sampleCpu());
    const Reading reading = stats.cpuPercent();
    QVERIFY2(isErrorReading(reading), qPrintable(describe(reading)));
    QVERIFY2(reading.message().contains(messagePart), qPrintable(reading.message()));
    QVERIFY(!stats.checkAvailable().isOk());
}

void tst_SystemPlugin::checkAvailable()
{
    FakeTree tree;
    const Smollama::Result missing = tree.stats().checkAvailable();
    QVERIFY(!missing.isOk());
    QVERIFY2(missing.message().contains(tree.proc() + QStringLiteral("/stat")),
             qPrintable(missing.message()));

    QVERIFY(tree.write(QStringLiteral("proc/stat"), "cpu  1 2 3 4 5 6 7 8 0 0\n"));
    QVERIFY(tree.stats().checkAvailable().isOk());

    // The real machine (Linux) has /proc/stat.
    const Smollama::Result real = SystemStats().checkAvailable();
    QVERIFY2(real.isOk(), qPrintable(real.message()));
}

// --- memory -----------------------------------------------------------------------------------

void tst_SystemPlugin::memory_data()
{
    QTest::addColumn<QByteArray>("meminfo");
    QTest::addColumn<double>("percent");
    QTest::addColumn<double>("availableMiB");

    QTest::newRow("quarter free") << QByteArray("MemTotal:        8000000 kB\n"
                                                "MemFree:          100000 kB\n"
                                                "MemAvailable:    2000000 kB\n"
                                                "Buffers:           12345 kB\n")
                                  << 75.0 << 1953.125;
    QTest::newRow("Pi with 1 GB") << QByteArray("MemTotal:        1024000 kB\n"
                                                "MemFree:          200000 kB\n"
                                                "MemAvailable:     256000 kB\n")
                                  << 75.0 << 250.0;
    QTest::newRow("all available") << QByteArray("MemTotal: 4096000 kB\n"
                                                 "MemAvailable: 4096000 kB\n")
                                   << 0.0 << 4000.0;
    QTest::newRow("order does not matter") << QByteArray("MemAvailable: 512 kB\n"
                                                         "MemTotal: 2048 kB\n")
                                           << 75.0 << 0.5;
}

void tst_SystemPlugin::memory()
{
    QFETCH(QByteArray, meminfo);
    QFETCH(double, percent);
    QFETCH(double, availableMiB);

    FakeTree tree;
    QVERIFY(tree.write(QStringLiteral("proc/meminfo"), meminfo));
    const QList<Reading> readings = tree.stats().memory();
    QCOMPARE(readings.size(), 2);

    QVERIFY2(readings[0].quality() == Reading::Quality::Ok, qPrintable(describe(readings[0])));
    QCOMPARE(readings[0].source(), QStringLiteral("mem_percent"));
    QCOMPARE(readings[0].unit(), QStringLiteral("%"));
    QCOMPARE(readings[0].value().toDouble(), percent);

    QVERIFY2(readings[1].quality() == Reading::Quality::Ok, qPrintable(describe(readings[1])));
    QCOMPARE(readings[1].source(), QStringLiteral("mem_available_mb"));
    QCOMPARE(readings[1].unit(), QStringLiteral("MiB"));
    QCOMPARE(readings[1].value().toDouble(), availableMiB);
}

void tst_SystemPlugin::memoryErrors_data()
{
    QTest::addColumn<bool>("writeFile");
    QTest::addColumn<QByteArray>("meminfo");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("no file") << false << QByteArray() << QStringLiteral("cannot read");
    QTest::newRow("no MemAvailable (old kernel)")
        << true << QByteArray("MemTotal: 1024 kB\nMemFree: 512 kB\n")
        << QStringLiteral("no MemAvailable");
    QTest::newRow("no MemTotal") << true << QByteArray("MemAvailable: 1024 kB\n")
                                 << QStringLiteral("no MemTotal");
    QTest::newRow("garbage") << true << QByteArray("MemTotal: lots kB\nMemAvailable: 1 kB\n")
                             << QStringLiteral("unexpected line");
}

void tst_SystemPlugin::memoryErrors()
{
    QFETCH(bool, writeFile);
    QFETCH(QByteArray, meminfo);
    QFETCH(QString, messagePart);

    FakeTree tree;
    if (writeFile) {
        QVERIFY(tree.write(QStringLiteral("proc/meminfo"), meminfo));
    }
    const QList<Reading> readings = tree.stats().memory();
    QCOMPARE(readings.size(), 2);
    QCOMPARE(readings[0].source(), QStringLiteral("mem_percent"));
    QCOMPARE(readings[1].source(), QStringLiteral("mem_available_mb"));
    for (const Reading &reading : readings) {
        QVERIFY2(isErrorReading(reading), qPrintable(describe(reading)));
        QVERIFY2(reading.message().contains(messagePart), qPrintable(reading.message()));
    }
}

// --- load and uptime --------------------------------------------------------------------------

void tst_SystemPlugin::loadAverage_data()
{
    QTest::addColumn<QByteArray>("loadavg");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<double>("expected");

    QTest::newRow("busy") << QByteArray("0.52 0.58 0.59 1/345 12345\n") << true << 0.52;
    QTest::newRow("idle") << QByteArray("0.00 0.08 0.06 1/82 5613\n") << true << 0.0;
    QTest::newRow("overloaded") << QByteArray("12.75 8.10 4.00 9/900 4242\n") << true << 12.75;
    QTest::newRow("garbage") << QByteArray("n/a\n") << false << 0.0;
    QTest::newRow("empty") << QByteArray() << false << 0.0;
}

void tst_SystemPlugin::loadAverage()
{
    QFETCH(QByteArray, loadavg);
    QFETCH(bool, ok);
    QFETCH(double, expected);

    FakeTree tree;
    QVERIFY(tree.write(QStringLiteral("proc/loadavg"), loadavg));
    const Reading reading = tree.stats().loadAverage();
    QCOMPARE(reading.source(), QStringLiteral("load_avg_1m"));
    QCOMPARE(reading.unit(), QString());
    if (ok) {
        QVERIFY2(reading.quality() == Reading::Quality::Ok, qPrintable(describe(reading)));
        QCOMPARE(reading.value().toDouble(), expected);
    } else {
        QVERIFY2(isErrorReading(reading), qPrintable(describe(reading)));
        QVERIFY(reading.message().contains(QLatin1String("loadavg")));
    }
}

void tst_SystemPlugin::uptime_data()
{
    QTest::addColumn<QByteArray>("uptime");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<double>("expected");

    QTest::newRow("hours") << QByteArray("12345.67 54321.00\n") << true << 12345.67;
    QTest::newRow("just booted") << QByteArray("3.01 1.50\n") << true << 3.01;
    QTest::newRow("garbage") << QByteArray("soon\n") << false << 0.0;
}

void tst_SystemPlugin::uptime()
{
    QFETCH(QByteArray, uptime);
    QFETCH(bool, ok);
    QFETCH(double, expected);

    FakeTree tree;
    QVERIFY(tree.write(QStringLiteral("proc/uptime"), uptime));
    const Reading reading = tree.stats().uptime();
    QCOMPARE(reading.source(), QStringLiteral("uptime_s"));
    QCOMPARE(reading.unit(), QStringLiteral("s"));
    if (ok) {
        QVERIFY2(reading.quality() == Reading::Quality::Ok, qPrintable(describe(reading)));
        QCOMPARE(reading.value().toDouble(), expected);
    } else {
        QVERIFY2(isErrorReading(reading), qPrintable(describe(reading)));
    }

    // A missing file names the file.
    FakeTree empty;
    const Reading missing = empty.stats().uptime();
    QVERIFY(isErrorReading(missing));
    QVERIFY2(missing.message().contains(empty.proc() + QStringLiteral("/uptime")),
             qPrintable(missing.message()));
}

// --- CPU frequency ----------------------------------------------------------------------------

void tst_SystemPlugin::cpuFrequency_data()
{
    QTest::addColumn<QByteArray>("scalingCurFreq"); // empty: no cpufreq file
    QTest::addColumn<QByteArray>("cpuinfo");        // empty: no cpuinfo file
    QTest::addColumn<double>("expected");

    const QByteArray x86Info = "processor\t: 0\nvendor_id\t: AuthenticAMD\n"
                               "cpu MHz\t\t: 2445.422\ncache size\t: 512 KB\n\n"
                               "processor\t: 1\ncpu MHz\t\t: 3000.000\n";
    QTest::newRow("cpufreq (Pi)") << QByteArray("1500000\n") << QByteArray() << 1500.0;
    QTest::newRow("cpufreq wins over cpuinfo") << QByteArray("1800000\n") << x86Info << 1800.0;
    QTest::newRow("cpuinfo fallback, first core") << QByteArray() << x86Info << 2445.422;
    QTest::newRow("broken cpufreq, cpuinfo fallback")
        << QByteArray("<unknown>\n") << x86Info << 2445.422;
}

void tst_SystemPlugin::cpuFrequency()
{
    QFETCH(QByteArray, scalingCurFreq);
    QFETCH(QByteArray, cpuinfo);
    QFETCH(double, expected);

    FakeTree tree;
    if (!scalingCurFreq.isEmpty()) {
        QVERIFY(tree.write(QStringLiteral("sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq"),
                           scalingCurFreq));
    }
    if (!cpuinfo.isEmpty()) {
        QVERIFY(tree.write(QStringLiteral("proc/cpuinfo"), cpuinfo));
    }
    const Reading reading = tree.stats().cpuFrequency();
    QVERIFY2(reading.quality() == Reading::Quality::Ok, qPrintable(describe(reading)));
    QCOMPARE(reading.source(), QStringLiteral("cpu_freq"));
    QCOMPARE(reading.unit(), QStringLiteral("MHz"));
    QCOMPARE(reading.value().toDouble(), expected);
}

void tst_SystemPlugin::cpuFrequencyUnavailable()
{
    // A Pi-like cpuinfo (no "cpu MHz" line) and no cpufreq driver.
    FakeTree tree;
    QVERIFY(tree.write(QStringLiteral("proc/cpuinfo"),
                       "processor\t: 0\nBogoMIPS\t: 108.00\nModel\t: Raspberry Pi 4\n"));
    const Reading reading = tree.stats().cpuFrequency();
    QVERIFY2(isErrorReading(reading), qPrintable(describe(reading)));
    QCOMPARE(reading.source(), QStringLiteral("cpu_freq"));
    QCOMPARE(reading.unit(), QStringLiteral("MHz"));
    QVERIFY2(reading.message().contains(QLatin1String("scaling_cur_freq")),
             qPrintable(reading.message()));
    QVERIFY2(reading.message().contains(QLatin1String("cpu MHz")), qPrintable(reading.message()));
}

// --- CPU temperature --------------------------------------------------------------------------

void tst_SystemPlugin::cpuTemperature_data()
{
    QTest::addColumn<QStringList>("zones"); // "<number>:<type>:<millidegrees>"
    QTest::addColumn<QString>("configured");
    QTest::addColumn<double>("expected");

    QTest::newRow("Pi cpu-thermal")
        << QStringList{QStringLiteral("0:cpu-thermal:48312")} << QString() << 48.312;
    QTest::newRow("auto prefers the CPU package")
        << QStringList{QStringLiteral("0:acpitz:27800"), QStringLiteral("1:INT3400 Thermal:20000"),
                       QStringLiteral("2:x86_pkg_temp:45000")}
        << QString() << 45.0;
    QTest::newRow("auto finds a SoC zone")
        << QStringList{QStringLiteral("0:gpu-thermal:39000"), QStringLiteral("1:soc-thermal:41500")}
        << QString() << 41.5;
    QTest::newRow("auto falls back to zone 0")
        << QStringList{QStringLiteral("1:battery:31000"), QStringLiteral("0:acpitz:27800")}
        << QString() << 27.8;
    QTest::newRow("auto orders zones numerically")
        << QStringList{QStringLiteral("10:acpitz:50000"), QStringLiteral("2:acpitz:22000")}
        << QString() << 22.0;
    QTest::newRow("configured by name")
        << QStringList{QStringLiteral("0:cpu-thermal:48000"), QStringLiteral("1:gpu:60000")}
        << QStringLiteral("thermal_zone1") << 60.0;
    QTest::newRow("configured by number")
        << QStringList{QStringLiteral("0:cpu-thermal:48000"), QStringLiteral("1:gpu:60000")}
        << QStringLiteral("1") << 60.0;
    QTest::newRow("below zero") << QStringList{QStringLiteral("0:cpu-thermal:-5250")} << QString()
                                << -5.25;
}

void tst_SystemPlugin::cpuTemperature()
{
    QFETCH(QStringList, zones);
    QFETCH(QString, configured);
    QFETCH(double, expected);

    FakeTree tree;
    for (const QString &zone : std::as_const(zones)) {
        const QStringList parts = zone.split(QLatin1Char(':'));
        QVERIFY(tree.addZone(parts[0].toInt(), parts[1].toUtf8(), parts[2].toUtf8()));
    }
    const Reading reading = tree.stats().cpuTemperature(configured);
    QVERIFY2(reading.quality() == Reading::Quality::Ok, qPrintable(describe(reading)));
    QCOMPARE(reading.source(), QStringLiteral("cpu_temp"));
    QCOMPARE(reading.unit(), QStringLiteral("°C"));
    QCOMPARE(reading.value().toDouble(), expected);
}

void tst_SystemPlugin::cpuTemperatureWithoutZones_data()
{
    QTest::addColumn<bool>("emptyThermalDir");

    QTest::newRow("no /sys/class/thermal") << false;
    QTest::newRow("/sys/class/thermal without zones (VM)") << true;
}

void tst_SystemPlugin::cpuTemperatureWithoutZones()
{
    QFETCH(bool, emptyThermalDir);

    FakeTree tree;
    if (emptyThermalDir) {
        // A cooling device is not a thermal zone.
        QVERIFY(tree.write(QStringLiteral("sys/class/thermal/cooling_device0/type"), "fan\n"));
    }
    const SystemStats stats = tree.stats();
    QCOMPARE(stats.autoThermalZone(), QString());
    const Reading reading = stats.cpuTemperature();
    QCOMPARE(reading.source(), QStringLiteral("cpu_temp"));
    QCOMPARE(reading.quality(), Reading::Quality::Error);
    QVERIFY(reading.value().isNull());
    QVERIFY(!reading.value().isValid()); // never 0 °C
    QCOMPARE(reading.unit(), QStringLiteral("°C"));
    QCOMPARE(reading.message(), QStringLiteral("no thermal zone in %1/class/thermal (this "
                                               "machine exposes no CPU temperature)")
                                    .arg(tree.sys()));
}

void tst_SystemPlugin::cpuTemperatureErrors_data()
{
    QTest::addColumn<QString>("configured");
    QTest::addColumn<QByteArray>("temp");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("configured zone missing")
        << QStringLiteral("thermal_zone5") << QByteArray("48000")
        << QStringLiteral("'thermal_zone5'");
    QTest::newRow("missing zone lists the others")
        << QStringLiteral("7") << QByteArray("48000") << QStringLiteral("available: thermal_zone0");
    QTest::newRow("unreadable value")
        << QString() << QByteArray("error") << QStringLiteral("unexpected content");
}

void tst_SystemPlugin::cpuTemperatureErrors()
{
    QFETCH(QString, configured);
    QFETCH(QByteArray, temp);
    QFETCH(QString, messagePart);

    FakeTree tree;
    QVERIFY(tree.addZone(0, "cpu-thermal", temp));
    const Reading reading = tree.stats().cpuTemperature(configured);
    QVERIFY2(isErrorReading(reading), qPrintable(describe(reading)));
    QCOMPARE(reading.source(), QStringLiteral("cpu_temp"));
    QVERIFY2(reading.message().contains(messagePart), qPrintable(reading.message()));
}

// --- disks ------------------------------------------------------------------------------------

void tst_SystemPlugin::diskSourceId_data()
{
    QTest::addColumn<QString>("mount");
    QTest::addColumn<QString>("id");

    QTest::newRow("root") << QStringLiteral("/") << QStringLiteral("disk_percent");
    QTest::newRow("root, doubled slash") << QStringLiteral("//") << QStringLiteral("disk_percent");
    QTest::newRow("home") << QStringLiteral("/home") << QStringLiteral("disk_percent_home");
    QTest::newRow("trailing slash")
        << QStringLiteral("/home/") << QStringLiteral("disk_percent_home");
    QTest::newRow("nested") << QStringLiteral("/mnt/data")
                            << QStringLiteral("disk_percent_mnt_data");
    QTest::newRow("spaces and case") << QStringLiteral("/media/pi/USB Stick")
                                     << QStringLiteral("disk_percent_media_pi_usb_stick");
    QTest::newRow("dashes") << QStringLiteral("/var/lib/docker-data")
                            << QStringLiteral("disk_percent_var_lib_docker_data");
}

void tst_SystemPlugin::diskSourceId()
{
    QFETCH(QString, mount);
    QFETCH(QString, id);

    QCOMPARE(SystemStats::diskSourceId(mount), id);
}

void tst_SystemPlugin::diskSources()
{
    const QList<Smollama::Internal::DiskSource> disks = SystemStats::diskSources(
        {QStringLiteral("/"), QStringLiteral("/home"), QStringLiteral("/home/"),
         QStringLiteral("/mnt/a-b"), QStringLiteral("/mnt/a_b")});
    QStringList ids;
    QStringList mounts;
    for (const auto &disk : disks) {
        ids.append(disk.id);
        mounts.append(disk.mount);
    }
    QCOMPARE(ids, (QStringList{QStringLiteral("disk_percent"), QStringLiteral("disk_percent_home"),
                               QStringLiteral("disk_percent_mnt_a_b"),
                               QStringLiteral("disk_percent_mnt_a_b_2")}));
    QCOMPARE(mounts, (QStringList{QStringLiteral("/"), QStringLiteral("/home"),
                                  QStringLiteral("/mnt/a-b"), QStringLiteral("/mnt/a_b")}));
}

void tst_SystemPlugin::diskUsage_data()
{
    QTest::addColumn<QString>("mount");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("real root") << QStringLiteral("/") << true << QString();
    QTest::newRow("missing mount") << QStringLiteral("/no/such/smollama/mount") << false
                                   << QStringLiteral("'/no/such/smollama/mount' does not exist");
    QTest::newRow("virtual file system")
        << QStringLiteral("/proc") << false << QStringLiteral("without blocks");
}

void tst_SystemPlugin::diskUsage()
{
    QFETCH(QString, mount);
    QFETCH(bool, ok);
    QFETCH(QString, messagePart);

    const QString id = SystemStats::diskSourceId(mount);
    const Reading reading = SystemStats::diskUsage(id, mount);
    QCOMPARE(reading.source(), id);
    QCOMPARE(reading.unit(), QStringLiteral("%"));
    if (ok) {
        QVERIFY2(reading.quality() == Reading::Quality::Ok, qPrintable(describe(reading)));
        bool isNumber = false;
        const double percent = reading.value().toDouble(&isNumber);
        QVERIFY(isNumber);
        QVERIFY2(percent > 0.0 && percent <= 100.0, qPrintable(describe(reading)));
    } else {
        QVERIFY2(isErrorReading(reading), qPrintable(describe(reading)));
        QVERIFY2(reading.message().contains(messagePart), qPrintable(reading.message()));
    }
}

// --- sources ----------------------------------------------------------------------------------

void tst_SystemPlugin::sourceInfos_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("unit");

    QTest::newRow("cpu_temp") << QStringLiteral("cpu_temp") << QStringLiteral("°C");
    QTest::newRow("cpu_percent") << QStringLiteral("cpu_percent") << QStringLiteral("%");
    QTest::newRow("cpu_freq") << QStringLiteral("cpu_freq") << QStringLiteral("MHz");
    QTest::newRow("mem_percent") << QStringLiteral("mem_percent") << QStringLiteral("%");
    QTest::newRow("mem_available_mb")
        << QStringLiteral("mem_available_mb") << QStringLiteral("MiB");
    QTest::newRow("load_avg_1m") << QStringLiteral("load_avg_1m") << QString();
    QTest::newRow("disk_percent") << QStringLiteral("disk_percent") << QStringLiteral("%");
    QTest::newRow("disk_percent_home")
        << QStringLiteral("disk_percent_home") << QStringLiteral("%");
    QTest::newRow("uptime_s") << QStringLiteral("uptime_s") << QStringLiteral("s");
}

void tst_SystemPlugin::sourceInfos()
{
    QFETCH(QString, id);
    QFETCH(QString, unit);

    const QList<Smollama::SourceInfo> infos = SystemStats::sourceInfos(
        SystemStats::diskSources({QStringLiteral("/"), QStringLiteral("/home")}));
    QCOMPARE(infos.size(), 9);
    int found = 0;
    for (const Smollama::SourceInfo &info : infos) {
        if (info.id != id) {
            continue;
        }
        ++found;
        QCOMPARE(info.unit, unit);
        QVERIFY(!info.label.isEmpty());
        QVERIFY(!info.description.isEmpty());
    }
    QCOMPARE(found, 1);
}

// --- the built plugin -------------------------------------------------------------------------

void tst_SystemPlugin::builtPluginManifest()
{
    QVERIFY2(QFile::exists(builtPluginPath()), qPrintable(builtPluginPath()));
    QPluginLoader loader(builtPluginPath());
    const QJsonObject metaData = loader.metaData();
    QVERIFY2(!metaData.isEmpty(), qPrintable(loader.errorString()));
    // The manifest is read without running plugin code.
    QVERIFY(!loader.isLoaded());
    QCOMPARE(metaData.value(QLatin1String("IID")).toString(),
             QStringLiteral(SMOLLAMA_PLUGIN_FACTORY_IID));

    const Smollama::PluginMetadata manifest(metaData.value(QLatin1String("MetaData")).toObject());
    QCOMPARE(manifest.name(), QStringLiteral("system"));
    QCOMPARE(manifest.version(), QStringLiteral("1.0.0"));
    QVERIFY(manifest.isSensor());
    QVERIFY(!manifest.isTool());
    QCOMPARE(manifest.sdkVersion(), QStringLiteral(SMOLLAMA_SDK_VERSION_STRING));

    const QJsonObject schema = manifest.configSchema();
    QCOMPARE(schema.value(QLatin1String("additionalProperties")).toBool(true), false);
    Smollama::Testing::PluginLibrary library(builtPluginPath());
    const QJsonObject defaults = library.config();
    QCOMPARE(defaults.value(QLatin1String("interval_s")).toDouble(), 5.0);
    QCOMPARE(defaults.value(QLatin1String("mounts")).toArray(), QJsonArray{QStringLiteral("/")});
    QCOMPARE(defaults.value(QLatin1String("thermal_zone")).toString(QStringLiteral("unset")),
             QString());
}

void tst_SystemPlugin::builtPluginReadsThisMachine()
{
    Smollama::Testing::PluginLibrary library(builtPluginPath());
    QVERIFY2(library.load(), qPrintable(library.errorString()));
    std::unique_ptr<QObject> instance = library.createInstance();
    QVERIFY2(instance, qPrintable(library.errorString()));
    auto *plugin = qobject_cast<Smollama::Plugin *>(instance.get());
    auto *provider = qobject_cast<Smollama::ReadingProvider *>(instance.get());
    QVERIFY(plugin);
    QVERIFY(provider);

    const QJsonObject config = library.config(
        {{QStringLiteral("mounts"),
          QJsonArray{QStringLiteral("/"), QStringLiteral("/no/such/smollama/mount")}}});
    Smollama::Testing::FakePluginContext context(QStringLiteral("system"), config,
                                                 library.metadata());

    const Smollama::Result dependencies = plugin->checkDependencies(config);
    QVERIFY2(dependencies.isOk(), qPrintable(dependencies.message()));
    const Smollama::Result setup = plugin->setup(config, &context);
    QVERIFY2(setup.isOk(), qPrintable(setup.message()));

    const QList<Smollama::SourceInfo> sources = provider->sources();
    QStringList ids;
    for (const Smollama::SourceInfo &source : sources) {
        ids.append(source.id);
    }
    QCOMPARE(ids, (QStringList{QStringLiteral("cpu_temp"), QStringLiteral("cpu_percent"),
                               QStringLiteral("cpu_freq"), QStringLiteral("mem_percent"),
                               QStringLiteral("mem_available_mb"), QStringLiteral("load_avg_1m"),
                               QStringLiteral("disk_percent"),
                               QStringLiteral("disk_percent_no_such_smollama_mount"),
                               QStringLiteral("uptime_s")}));

    // The first read, right after setup(), gives every figure but the CPU usage at once; the
    // usage comes through the context when its window (100 ms after setup()'s sample) closes.
    const QList<Reading> firstReadings = provider->read();
    QCOMPARE(firstReadings.size(), sources.size() - 1);
    for (const Reading &reading : firstReadings) {
        QVERIFY(reading.source() != QLatin1String("cpu_percent"));
    }
    QCOMPARE(context.publishedCount(), 0);
    QTRY_COMPARE(context.publishedCount(), 1);
    const Reading published = context.published().constFirst();
    context.clearPublished();
    QCOMPARE(published.source(), QStringLiteral("cpu_percent"));
    QVERIFY2(published.quality() == Reading::Quality::Ok, qPrintable(describe(published)));

    // Two more reads: the first compares against the sample the published usage took, the
    // second against the first read; both have every figure.
    for (int round = 0; round < 2; ++round) {
        // Let the window close again: a read within 100 ms of the last sample would leave the
        // usage out again and publish it later.
        QTest::qWait(110);
        const QList<Reading> readings = provider->read();
        QCOMPARE(readings.size(), sources.size());
        QHash<QString, Reading> byId;
        for (int i = 0; i < readings.size(); ++i) {
            const Reading &reading = readings.at(i);
            QCOMPARE(reading.source(), sources.at(i).id);
            QCOMPARE(reading.unit(), sources.at(i).unit);
            QVERIFY(reading.timestamp().isValid());
            if (reading.quality() == Reading::Quality::Ok) {
                bool isNumber = false;
                reading.value().toDouble(&isNumber);
                QVERIFY2(isNumber, qPrintable(describe(reading)));
            } else {
                QVERIFY2(isErrorReading(reading), qPrintable(describe(reading)));
            }
            byId.insert(reading.source(), reading);
        }

        // What this machine certainly has.
        for (const char *id : {"cpu_percent", "mem_percent", "disk_percent"}) {
            const Reading reading = byId.value(QLatin1String(id));
            QVERIFY2(reading.quality() == Reading::Quality::Ok, qPrintable(describe(reading)));
            const double percent = reading.value().toDouble();
            QVERIFY2(percent >= 0.0 && percent <= 100.0, qPrintable(describe(reading)));
        }
        for (const char *id : {"mem_available_mb", "uptime_s"}) {
            const Reading reading = byId.value(QLatin1String(id));
            QVERIFY2(reading.quality() == Reading::Quality::Ok, qPrintable(describe(reading)));
            QVERIFY2(reading.value().toDouble() > 0.0, qPrintable(describe(reading)));
        }
        const Reading load = byId.value(QStringLiteral("load_avg_1m"));
        QVERIFY2(load.quality() == Reading::Quality::Ok && load.value().toDouble() >= 0.0,
                 qPrintable(describe(load)));
        const Reading missingDisk =
            byId.value(QStringLiteral("disk_percent_no_such_smollama_mount"));
        QVERIFY2(isErrorReading(missingDisk), qPrintable(describe(missingDisk)));
        QVERIFY(missingDisk.message().contains(QLatin1String("/no/such/smollama/mount")));

        // This VM has no thermal zone; a Pi has one. Either way: a value or a reason, never 0.
        const Reading temp = byId.value(QStringLiteral("cpu_temp"));
        if (SystemStats().autoThermalZone().isEmpty()) {
            QVERIFY2(isErrorReading(temp), qPrintable(describe(temp)));
            QVERIFY(temp.message().contains(QLatin1String("no thermal zone")));
        } else {
            QVERIFY2(temp.quality() == Reading::Quality::Ok, qPrintable(describe(temp)));
        }
    }
    QCOMPARE(context.publishedCount(), 0); // after the first window nothing is pushed

    plugin->teardown();
    // After teardown the instance holds nothing; a read says so instead of inventing values.
    const QList<Reading> afterTeardown = provider->read();
    QVERIFY(!afterTeardown.isEmpty());
    for (const Reading &reading : afterTeardown) {
        QVERIFY2(isErrorReading(reading), qPrintable(describe(reading)));
    }
    instance.reset();
}

void tst_SystemPlugin::builtPluginRejectsRelativeMount()
{
    Smollama::Testing::PluginLibrary library(builtPluginPath());
    // The schema refuses it before setup(), which trusts the config it is given.
    QString error;
    const QJsonObject config =
        library.config({{QStringLiteral("mounts"), QJsonArray{QStringLiteral("home")}}}, &error);
    QVERIFY(config.isEmpty());
    QVERIFY2(error.startsWith(QLatin1String("mounts[0]")), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_SystemPlugin)

#include "tst_systemplugin.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "systemstats.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cerrno>

#if defined(Q_OS_UNIX)
#include <sys/statvfs.h>
#endif

namespace Smollama::Internal {

namespace {

// The translation context of this file's messages (docs/translations.md).
class SystemStatsTr
{
    Q_DECLARE_TR_FUNCTIONS(SystemPlugin)
};

const QString s_percent = QStringLiteral("%");
const QString s_celsius = QStringLiteral("°C");

// /proc and /sys files report a size of 0, so read until EOF instead of trusting size().
std::optional<QByteArray> readFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = SystemStatsTr::tr("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QByteArray data = file.readAll();
    // Some sysfs attributes (a thermal zone whose sensor is off) open fine but fail on read.
    if (file.error() != QFileDevice::NoError) {
        *error = SystemStatsTr::tr("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return data;
}

QString quoted(const QByteArray &text)
{
    return QLatin1Char('\'') + QString::fromUtf8(text.trimmed().left(80)) + QLatin1Char('\'');
}

// The first whitespace-separated field of a one-line /proc file ("0.52 0.58 0.59 1/345 12").
std::optional<double> firstNumber(const QByteArray &text)
{
    const QList<QByteArray> fields = text.simplified().split(' ');
    if (fields.isEmpty()) {
        return std::nullopt;
    }
    bool ok = false;
    const double value = fields.first().toDouble(&ok);
    if (!ok) {
        return std::nullopt;
    }
    return value;
}

int zoneNumber(const QString &zone)
{
    return QStringView(zone).mid(int(qstrlen("thermal_zone"))).toInt();
}

bool looksLikeCpuZone(const QString &type)
{
    static const QStringList hints = {
        QStringLiteral("cpu"),      QStringLiteral("soc"),     QStringLiteral("x86_pkg_temp"),
        QStringLiteral("coretemp"), QStringLiteral("package"),
    };
    const QString lower = type.toLower();
    return std::any_of(hints.cbegin(), hints.cend(),
                       [&lower](const QString &hint) { return lower.contains(hint); });
}

} // namespace

SystemStats::SystemStats(const QString &procRoot, const QString &sysRoot)
    : m_procRoot(QDir::cleanPath(procRoot))
    , m_sysRoot(QDir::cleanPath(sysRoot))
{
}

QString SystemStats::procPath(const QString &name) const
{
    return m_procRoot + QLatin1Char('/') + name;
}

QString SystemStats::sysPath(const QString &name) const
{
    return m_sysRoot + QLatin1Char('/') + name;
}

QString SystemStats::thermalDir() const
{
    return sysPath(QStringLiteral("class/thermal"));
}

Result SystemStats::checkAvailable() const
{
#if !defined(Q_OS_LINUX)
    return Result::error(SystemStatsTr::tr("the system plugin reads Linux's /proc and /sys, which "
                                           "this operating system does not have; disable the "
                                           "plugin in config.yaml"));
#else
    QString error;
    if (!readCpuTimes(&error)) {
        return Result::error(
            error + SystemStatsTr::tr(" (is /proc mounted? the system plugin needs Linux /proc)"));
    }
    return Result::ok();
#endif
}

QString SystemStats::diskSourceId(const QString &mount)
{
    const QString clean = QDir::cleanPath(mount);
    if (clean == QLatin1String("/")) {
        return QStringLiteral("disk_percent");
    }
    static const QRegularExpression notAllowed(QStringLiteral("[^a-z0-9]+"));
    QString suffix = clean.toLower();
    suffix.replace(notAllowed, QStringLiteral("_"));
    while (suffix.startsWith(QLatin1Char('_'))) {
        suffix.remove(0, 1);
    }
    while (suffix.endsWith(QLatin1Char('_'))) {
        suffix.chop(1);
    }
    if (suffix.isEmpty()) {
        // A mount of only symbols ("/ü"); still give it a valid, distinct id.
        suffix = QStringLiteral("mount");
    }
    return QStringLiteral("disk_percent_") + suffix;
}

QList<DiskSource> SystemStats::diskSources(const QStringList &mounts)
{
    QList<DiskSource> result;
    QSet<QString> seenMounts;
    QSet<QString> seenIds;
    for (const QString &mount : mounts) {
        const QString clean = QDir::cleanPath(mount);
        if (clean.isEmpty() || seenMounts.contains(clean)) {
            continue;
        }
        seenMounts.insert(clean);
        const QString base = diskSourceId(clean);
        QString id = base;
        for (int n = 2; seenIds.contains(id); ++n) {
            id = base + QLatin1Char('_') + QString::number(n);
        }
        seenIds.insert(id);
        result.append(DiskSource{id, clean});
    }
    return result;
}

QList<SourceInfo> SystemStats::sourceInfos(const QList<DiskSource> &disks)
{
    QList<SourceInfo> sources = {
        {QStringLiteral("cpu_temp"), SystemStatsTr::tr("CPU temperature"), s_celsius,
         SystemStatsTr::tr("Temperature of the CPU/SoC thermal zone in /sys/class/thermal")},
        {QStringLiteral("cpu_percent"), SystemStatsTr::tr("CPU usage"), s_percent,
         SystemStatsTr::tr("Share of CPU time spent busy (all cores) since the previous reading")},
        {QStringLiteral("cpu_freq"), SystemStatsTr::tr("CPU frequency"), QStringLiteral("MHz"),
         SystemStatsTr::tr("Current clock frequency of CPU core 0")},
        {QStringLiteral("mem_percent"), SystemStatsTr::tr("Memory used"), s_percent,
         SystemStatsTr::tr("Share of RAM in use: (MemTotal - MemAvailable) / MemTotal")},
        {QStringLiteral("mem_available_mb"), SystemStatsTr::tr("Memory available"),
         QStringLiteral("MiB"),
         SystemStatsTr::tr("RAM available for new programs without swapping (MemAvailable)")},
        {QStringLiteral("load_avg_1m"), SystemStatsTr::tr("Load average (1 min)"), QString(),
         SystemStatsTr::tr("Average number of runnable tasks over the last minute")},
    };
    for (const DiskSource &disk : disks) {
        sources.append({disk.id, SystemStatsTr::tr("Disk used (%1)").arg(disk.mount), s_percent,
                        SystemStatsTr::tr("Share of the file system mounted at %1 in use, as df "
                                          "reports it")
                            .arg(disk.mount)});
    }
    sources.append({QStringLiteral("uptime_s"), SystemStatsTr::tr("Uptime"), QStringLiteral("s"),
                    SystemStatsTr::tr("Seconds since the machine booted")});
    return sources;
}

std::optional<SystemStats::CpuTimes> SystemStats::parseCpuTimes(const QByteArray &stat,
                                                                QString *error)
{
    const QList<QByteArray> lines = stat.split('\n');
    for (const QByteArray &line : lines) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.first() != "cpu") {
            continue;
        }
        // user nice system idle [iowait irq softirq steal [guest guest_nice]]; guest time is
        // already counted in user and nice, so it is left out of the total.
        if (fields.size() < 5) {
            *error = SystemStatsTr::tr("unexpected cpu line in /proc/stat: %1").arg(quoted(line));
            return std::nullopt;
        }
        qint64 values[8] = {};
        const int count = std::min(int(fields.size()) - 1, 8);
        for (int i = 0; i < count; ++i) {
            bool ok = false;
            values[i] = fields.at(i + 1).toLongLong(&ok);
            if (!ok || values[i] < 0) {
                *error =
                    SystemStatsTr::tr("unexpected cpu line in /proc/stat: %1").arg(quoted(line));
                return std::nullopt;
            }
        }
        CpuTimes times;
        for (int i = 0; i < count; ++i) {
            times.total += values[i];
        }
        times.idle = values[3] + values[4];
        return times;
    }
    *error = SystemStatsTr::tr("no aggregate \"cpu\" line in /proc/stat");
    return std::nullopt;
}

std::optional<SystemStats::CpuTimes> SystemStats::readCpuTimes(QString *error) const
{
    const std::optional<QByteArray> stat = readFile(procPath(QStringLiteral("stat")), error);
    if (!stat) {
        return std::nullopt;
    }
    return parseCpuTimes(*stat, error);
}

bool SystemStats::sampleCpu()
{
    QString error;
    const std::optional<CpuTimes> now = readCpuTimes(&error);
    if (!now) {
        return false;
    }
    m_lastCpu = now;
    m_lastCpuTimer.start();
    return true;
}

qint64 SystemStats::msSinceCpuSample() const
{
    return m_lastCpu ? m_lastCpuTimer.elapsed() : -1;
}

void SystemStats::clearCpuSample()
{
    m_lastCpu.reset();
    m_lastCpuTimer.invalidate();
}

Reading SystemStats::cpuPercent()
{
    const QString id = QStringLiteral("cpu_percent");
    QString error;
    const std::optional<CpuTimes> now = readCpuTimes(&error);
    if (!now) {
        return Reading::error(id, error, s_percent);
    }
    if (!m_lastCpu) {
        m_lastCpu = now;
        m_lastCpuTimer.start();
        return Reading::error(id,
                              SystemStatsTr::tr("no earlier /proc/stat sample to compare with; CPU "
                                                "usage is known from the next reading on"),
                              s_percent);
    }
    const qint64 total = now->total - m_lastCpu->total;
    const qint64 idle = now->idle - m_lastCpu->idle;
    if (total == 0) {
        // Keep the older sample: the next reading then spans a longer, measurable window.
        return Reading::error(id,
                              SystemStatsTr::tr("no CPU time passed between two /proc/stat samples "
                                                "(read again later)"),
                              s_percent);
    }
    m_lastCpu = now;
    m_lastCpuTimer.start();
    if (total < 0) {
        return Reading::error(id,
                              SystemStatsTr::tr("the CPU counters in /proc/stat went backwards (a "
                                                "CPU was taken offline?); read again later"),
                              s_percent);
    }
    const double busy = double(total - std::clamp(idle, qint64(0), total)) * 100.0 / double(total);
    return Reading(id, busy, s_percent);
}

QStringList SystemStats::thermalZones() const
{
    QStringList zones = QDir(thermalDir())
                            .entryList({QStringLiteral("thermal_zone*")},
                                       QDir::Dirs | QDir::NoDotAndDotDot, QDir::NoSort);
    // thermal_zone10 comes after thermal_zone2.
    std::sort(zones.begin(), zones.end(),
              [](const QString &a, const QString &b) { return zoneNumber(a) < zoneNumber(b); });
    return zones;
}

QString SystemStats::autoThermalZone() const
{
    const QStringList zones = thermalZones();
    for (const QString &zone : zones) {
        QString error;
        const std::optional<QByteArray> type =
            readFile(thermalDir() + QLatin1Char('/') + zone + QStringLiteral("/type"), &error);
        if (type && looksLikeCpuZone(QString::fromUtf8(type->trimmed()))) {
            return zone;
        }
    }
    return zones.isEmpty() ? QString() : zones.first();
}

Reading SystemStats::cpuTemperature(const QString &zone) const
{
    const QString id = QStringLiteral("cpu_temp");
    QString name = zone.trimmed();
    if (name.isEmpty()) {
        name = autoThermalZone();
        if (name.isEmpty()) {
            return Reading::error(id,
                                  SystemStatsTr::tr("no thermal zone in %1 (this machine exposes "
                                                    "no CPU temperature)")
                                      .arg(thermalDir()),
                                  s_celsius);
        }
    } else {
        bool isNumber = false;
        name.toUInt(&isNumber);
        if (isNumber) {
            name.prepend(QStringLiteral("thermal_zone"));
        }
        if (!QDir(thermalDir() + QLatin1Char('/') + name).exists()) {
            const QStringList zones = thermalZones();
            return Reading::error(
                id,
                SystemStatsTr::tr("thermal zone '%1' (\"thermal_zone\" in the configuration) does "
                                  "not exist in %2; %3")
                    .arg(name, thermalDir(),
                         zones.isEmpty() ? SystemStatsTr::tr("this machine has none")
                                         : SystemStatsTr::tr("available: %1")
                                               .arg(zones.join(QStringLiteral(", ")))),
                s_celsius);
        }
    }
    const QString path = thermalDir() + QLatin1Char('/') + name + QStringLiteral("/temp");
    QString error;
    const std::optional<QByteArray> text = readFile(path, &error);
    if (!text) {
        return Reading::error(id, error, s_celsius);
    }
    bool ok = false;
    const qint64 milli = text->trimmed().toLongLong(&ok);
    if (!ok) {
        return Reading::error(
            id, SystemStatsTr::tr("unexpected content in %1: %2").arg(path, quoted(*text)),
            s_celsius);
    }
    return Reading(id, double(milli) / 1000.0, s_celsius);
}

Reading SystemStats::cpuFrequency() const
{
    const QString id = QStringLiteral("cpu_freq");
    const QString mhz = QStringLiteral("MHz");
    const QString cpufreq =
        sysPath(QStringLiteral("devices/system/cpu/cpu0/cpufreq/scaling_cur_freq"));
    QString cpufreqError;
    if (const std::optional<QByteArray> text = readFile(cpufreq, &cpufreqError)) {
        bool ok = false;
        const qint64 khz = text->trimmed().toLongLong(&ok);
        if (ok && khz > 0) {
            return Reading(id, double(khz) / 1000.0, mhz);
        }
        cpufreqError =
            SystemStatsTr::tr("unexpected content in %1: %2").arg(cpufreq, quoted(*text));
    }

    // No cpufreq driver (VMs, some desktops): x86 kernels still report a clock per core.
    const QString cpuinfo = procPath(QStringLiteral("cpuinfo"));
    QString cpuinfoError;
    if (const std::optional<QByteArray> text = readFile(cpuinfo, &cpuinfoError)) {
        const QList<QByteArray> lines = text->split('\n');
        for (const QByteArray &line : lines) {
            const int colon = line.indexOf(':');
            if (colon < 0 || line.left(colon).trimmed() != "cpu MHz") {
                continue;
            }
            bool ok = false;
            const double value = line.mid(colon + 1).trimmed().toDouble(&ok);
            if (ok && value > 0) {
                return Reading(id, value, mhz);
            }
        }
        cpuinfoError = SystemStatsTr::tr("no \"cpu MHz\" line in %1").arg(cpuinfo);
    }
    return Reading::error(id,
                          SystemStatsTr::tr("this machine reports no CPU frequency (%1; %2)")
                              .arg(cpufreqError, cpuinfoError),
                          mhz);
}

QList<Reading> SystemStats::memory() const
{
    const QString percentId = QStringLiteral("mem_percent");
    const QString availableId = QStringLiteral("mem_available_mb");
    const QString mib = QStringLiteral("MiB");
    const QString path = procPath(QStringLiteral("meminfo"));
    const auto failed = [&](const QString &message) {
        return QList<Reading>{Reading::error(percentId, message, s_percent),
                              Reading::error(availableId, message, mib)};
    };

    QString error;
    const std::optional<QByteArray> text = readFile(path, &error);
    if (!text) {
        return failed(error);
    }
    std::optional<qint64> totalKb;
    std::optional<qint64> availableKb;
    const QList<QByteArray> lines = text->split('\n');
    for (const QByteArray &line : lines) {
        const int colon = line.indexOf(':');
        if (colon < 0) {
            continue;
        }
        const QByteArray key = line.left(colon);
        if (key != "MemTotal" && key != "MemAvailable") {
            continue;
        }
        // "MemTotal:       24682416 kB"
        const QList<QByteArray> fields = line.mid(colon + 1).simplified().split(' ');
        bool ok = false;
        const qint64 value = fields.first().toLongLong(&ok);
        if (!ok) {
            return failed(SystemStatsTr::tr("unexpected line in %1: %2").arg(path, quoted(line)));
        }
        (key == "MemTotal" ? totalKb : availableKb) = value;
    }
    if (!totalKb || *totalKb <= 0) {
        return failed(SystemStatsTr::tr("no MemTotal in %1").arg(path));
    }
    if (!availableKb) {
        return failed(
            SystemStatsTr::tr("no MemAvailable in %1 (Linux 3.14 or later reports it)").arg(path));
    }
    const qint64 usedKb = std::max(*totalKb - *availableKb, qint64(0));
    return {Reading(percentId, double(usedKb) * 100.0 / double(*totalKb), s_percent),
            Reading(availableId, double(*availableKb) / 1024.0, mib)};
}

Reading SystemStats::loadAverage() const
{
    const QString id = QStringLiteral("load_avg_1m");
    const QString path = procPath(QStringLiteral("loadavg"));
    QString error;
    const std::optional<QByteArray> text = readFile(path, &error);
    if (!text) {
        return Reading::error(id, error, QString());
    }
    const std::optional<double> value = firstNumber(*text);
    if (!value) {
        return Reading::error(
            id, SystemStatsTr::tr("unexpected content in %1: %2").arg(path, quoted(*text)),
            QString());
    }
    return Reading(id, *value, QString());
}

Reading SystemStats::uptime() const
{
    const QString id = QStringLiteral("uptime_s");
    const QString seconds = QStringLiteral("s");
    const QString path = procPath(QStringLiteral("uptime"));
    QString error;
    const std::optional<QByteArray> text = readFile(path, &error);
    if (!text) {
        return Reading::error(id, error, seconds);
    }
    const std::optional<double> value = firstNumber(*text);
    if (!value) {
        return Reading::error(
            id, SystemStatsTr::tr("unexpected content in %1: %2").arg(path, quoted(*text)),
            seconds);
    }
    return Reading(id, *value, seconds);
}

Reading SystemStats::diskUsage(const QString &sourceId, const QString &mount)
{
#if defined(Q_OS_UNIX)
    struct statvfs fs = {};
    if (::statvfs(QFile::encodeName(mount).constData(), &fs) != 0) {
        const int err = errno;
        if (err == ENOENT || err == ENOTDIR) {
            return Reading::error(
                sourceId,
                SystemStatsTr::tr("mount point '%1' does not exist; fix \"mounts\" "
                                  "in the system plugin's configuration")
                    .arg(mount),
                s_percent);
        }
        return Reading::error(sourceId,
                              SystemStatsTr::tr("cannot get the disk usage of '%1': %2")
                                  .arg(mount, qt_error_string(err)),
                              s_percent);
    }
    const double blockSize = double(fs.f_frsize ? fs.f_frsize : fs.f_bsize);
    const double used = double(fs.f_blocks - std::min(fs.f_bfree, fs.f_blocks)) * blockSize;
    const double available = double(fs.f_bavail) * blockSize;
    if (used + available <= 0) {
        return Reading::error(sourceId,
                              SystemStatsTr::tr("'%1' is on a file system without blocks (such as "
                                                "/proc); list a real mount point in \"mounts\"")
                                  .arg(mount),
                              s_percent);
    }
    return Reading(sourceId, used * 100.0 / (used + available), s_percent);
#else
    return Reading::error(sourceId,
                          SystemStatsTr::tr("disk usage of '%1' is not available on this operating "
                                            "system")
                              .arg(mount),
                          s_percent);
#endif
}

} // namespace Smollama::Internal

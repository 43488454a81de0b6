// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/reading.h>
#include <smollama/result.h>
#include <smollama/sourceinfo.h>

#include <QElapsedTimer>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Smollama::Internal {

/*!
    One disk source of the system plugin: the configured mount point and the source id its
    reading carries ("disk_percent" for "/", "disk_percent_home" for "/home").
*/
struct DiskSource
{
    QString id;
    QString mount;
};

/*!
    Reads the machine's own figures from /proc and /sys and turns them into readings with the
    system plugin's local source ids and units. A figure that cannot be read gives an error
    reading saying which file failed and why, never a made-up number.

    The roots are parameters so tests can point the class at fake trees; mount points given to
    diskUsage() are always real paths (statvfs).

    Not thread-safe: one instance per plugin instance, used from the thread that polls it.
*/
class SystemStats
{
public:
    /*! Jiffies of the aggregate "cpu" line of /proc/stat. */
    struct CpuTimes
    {
        qint64 total = 0; //!< user + nice + system + idle + iowait + irq + softirq + steal
        qint64 idle = 0;  //!< idle + iowait
    };

    explicit SystemStats(const QString &procRoot = QStringLiteral("/proc"),
                         const QString &sysRoot = QStringLiteral("/sys"));

    QString procRoot() const { return m_procRoot; }
    QString sysRoot() const { return m_sysRoot; }

    /*! Ok when the kernel interfaces the plugin relies on are there (/proc/stat readable). */
    Result checkAvailable() const;

    /*! The sources for the given configured \a mounts, with labels, units and descriptions. */
    static QList<SourceInfo> sourceInfos(const QList<DiskSource> &disks);

    /*! The disk sources for the configured \a mounts: "/" is "disk_percent", any other mount
        "disk_percent_<sanitised mount>". Repeated mounts are listed once; two mounts that
        sanitise to the same id get "_2", "_3", ... appended to the later ones. */
    static QList<DiskSource> diskSources(const QStringList &mounts);

    /*! "disk_percent" for "/", "disk_percent_mnt_data" for "/mnt/data". */
    static QString diskSourceId(const QString &mount);

    /*! Parses the aggregate "cpu" line of the /proc/stat text \a stat. On failure returns
        nothing and sets \a error. */
    static std::optional<CpuTimes> parseCpuTimes(const QByteArray &stat, QString *error);

    /*! Reads /proc/stat now. On failure returns nothing and sets \a error. */
    std::optional<CpuTimes> readCpuTimes(QString *error) const;

    /*! Takes a /proc/stat sample that the next cpuPercent() compares against. Returns false
        when /proc/stat could not be read. */
    bool sampleCpu();
    /*! True when a previous sample exists. */
    bool hasCpuSample() const { return m_lastCpu.has_value(); }
    /*! Milliseconds since the last sample; -1 without one. */
    qint64 msSinceCpuSample() const;
    /*! Forgets the previous sample. */
    void clearCpuSample();

    /*! cpu_percent (%): the busy share of CPU time between the previous sample and now; the
        sample taken now becomes the previous one. Without a previous sample, or when no CPU
        time passed between the two, an error reading. */
    Reading cpuPercent();

    /*! cpu_temp (°C) of thermal zone \a zone ("thermal_zone2" or "2"), or when empty of the
        first zone whose type looks like a CPU/SoC sensor, else of the first zone. */
    Reading cpuTemperature(const QString &zone = QString()) const;

    /*! The thermal zone cpuTemperature() reads when given an empty zone; empty when there is
        none. */
    QString autoThermalZone() const;

    /*! cpu_freq (MHz) from cpu0's cpufreq scaling_cur_freq, else from "cpu MHz" in
        /proc/cpuinfo. */
    Reading cpuFrequency() const;

    /*! mem_percent (%) and mem_available_mb (MiB), in this order, from one read of
        /proc/meminfo. */
    QList<Reading> memory() const;

    /*! load_avg_1m (no unit) from /proc/loadavg. */
    Reading loadAverage() const;

    /*! uptime_s (s) from /proc/uptime. */
    Reading uptime() const;

    /*! The used share (%) of the file system mounted at \a mount, computed like df:
        used / (used + available to unprivileged users), as a reading of \a sourceId. */
    static Reading diskUsage(const QString &sourceId, const QString &mount);

private:
    QString procPath(const QString &name) const;
    QString sysPath(const QString &name) const;
    QString thermalDir() const;
    QStringList thermalZones() const;

    QString m_procRoot;
    QString m_sysRoot;
    std::optional<CpuTimes> m_lastCpu;
    QElapsedTimer m_lastCpuTimer;
};

} // namespace Smollama::Internal

// SPDX-License-Identifier: GPL-3.0-or-later
#include "systemplugin.h"

#include <smollama/plugincontext.h>
#include <smollama/pluginfactory.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QThread>

namespace Smollama {

namespace {

// The translation context of this file's messages (docs/translations.md).
class SystemPluginTr
{
    Q_DECLARE_TR_FUNCTIONS(SystemPlugin)
};

Q_LOGGING_CATEGORY(lcSystem, "smollama.system")

// /proc/stat counts in USER_HZ (1/100 s) ticks: a shorter window between the two samples of a
// CPU usage reading would give a coarse or empty delta.
constexpr qint64 s_minCpuWindowMs = 100;

const QList<Internal::DiskSource> &defaultDisks()
{
    static const QList<Internal::DiskSource> disks =
        Internal::SystemStats::diskSources({QStringLiteral("/")});
    return disks;
}

} // namespace

SystemPlugin::SystemPlugin(QObject *parent)
    : QObject(parent)
    , m_disks(defaultDisks())
    , m_cpuWindow(new QTimer(this))
{
    m_cpuWindow->setSingleShot(true);
    connect(m_cpuWindow, &QTimer::timeout, this, &SystemPlugin::publishCpuPercent);
}

SystemPlugin::~SystemPlugin() = default;

Result SystemPlugin::checkDependencies(const QJsonObject &config)
{
    Q_UNUSED(config)
    try {
        return Internal::SystemStats().checkAvailable();
    } catch (...) {
        return Result::error(SystemPluginTr::tr("checking /proc/stat failed unexpectedly"));
    }
}

Result SystemPlugin::setup(const QJsonObject &config, PluginContext *context)
{
    try {
        // The host validated the config against the schema in plugin.json and filled in its
        // defaults: mounts is a list of absolute paths, thermal_zone a string.
        QStringList mounts;
        for (const QJsonValue &value : config.value(QLatin1String("mounts")).toArray()) {
            mounts.append(value.toString());
        }
        m_thermalZone = config.value(QLatin1String("thermal_zone")).toString().trimmed();
        m_disks = Internal::SystemStats::diskSources(mounts);
        m_stats = std::make_unique<Internal::SystemStats>();
        // The first CPU usage reading compares against this sample.
        m_stats->sampleCpu();
        m_context = context;

        const QString instance = context ? context->instanceName() : QStringLiteral("system");
        const QString zone = m_thermalZone.isEmpty() ? m_stats->autoThermalZone() : m_thermalZone;
        qCDebug(lcSystem).noquote() << instance << "set up; thermal zone"
                                    << (zone.isEmpty() ? QStringLiteral("(none)") : zone)
                                    << "mounts" << mounts.join(QStringLiteral(", "));
        return Result::ok();
    } catch (...) {
        m_stats.reset();
        return Result::error(
            SystemPluginTr::tr("setting up the system plugin failed unexpectedly"));
    }
}

void SystemPlugin::teardown()
{
    m_cpuWindow->stop();
    m_context = nullptr;
    m_stats.reset();
    m_disks = defaultDisks();
    m_thermalZone.clear();
}

QList<SourceInfo> SystemPlugin::sources() const
{
    return Internal::SystemStats::sourceInfos(m_disks);
}

QList<Reading> SystemPlugin::read()
{
    try {
        return readAll();
    } catch (...) {
        QList<Reading> readings;
        const QList<SourceInfo> infos = sources();
        for (const SourceInfo &info : infos) {
            readings.append(Reading::error(
                info.id, SystemPluginTr::tr("reading the system figures failed unexpectedly"),
                info.unit));
        }
        return readings;
    }
}

QList<Reading> SystemPlugin::readAll()
{
    if (!m_stats) {
        QList<Reading> readings;
        const QList<SourceInfo> infos = sources();
        for (const SourceInfo &info : infos) {
            readings.append(Reading::error(
                info.id, SystemPluginTr::tr("the system plugin was read before setup()"),
                info.unit));
        }
        return readings;
    }

    // Never report a usage computed over a window too short to measure. The first read right
    // after setup() gives every other figure at once and leaves the CPU usage out; it is
    // published when its window closes (the node shows a first reading sooner). Without a way
    // to publish later (no context, or no event loop on this thread) the read waits for the
    // rest of the window instead; read() runs on the instance's worker thread, so that never
    // blocks the user interface.
    if (!m_stats->hasCpuSample()) {
        m_stats->sampleCpu();
    }
    const qint64 since = m_stats->msSinceCpuSample();
    const bool windowOpen = since >= 0 && since < s_minCpuWindowMs;
    const bool publishLater = windowOpen && m_context &&
                              m_cpuWindow->thread() == QThread::currentThread() &&
                              QThread::currentThread()->eventDispatcher();
    if (windowOpen && !publishLater) {
        QThread::msleep(static_cast<unsigned long>(s_minCpuWindowMs - since));
    }

    QList<Reading> readings;
    readings.append(m_stats->cpuTemperature(m_thermalZone));
    if (publishLater) {
        m_cpuWindow->start(int(s_minCpuWindowMs - since));
    } else {
        m_cpuWindow->stop(); // this read measures the window itself
        readings.append(m_stats->cpuPercent());
    }
    readings.append(m_stats->cpuFrequency());
    readings.append(m_stats->memory());
    readings.append(m_stats->loadAverage());
    for (const Internal::DiskSource &disk : std::as_const(m_disks)) {
        readings.append(Internal::SystemStats::diskUsage(disk.id, disk.mount));
    }
    readings.append(m_stats->uptime());
    return readings;
}

void SystemPlugin::publishCpuPercent()
{
    if (!m_stats || !m_context) {
        return;
    }
    try {
        m_context->publish(m_stats->cpuPercent());
    } catch (...) {
        m_context->publish(
            Reading::error(QStringLiteral("cpu_percent"),
                           SystemPluginTr::tr("reading the system figures failed unexpectedly"),
                           QStringLiteral("%")));
    }
}

} // namespace Smollama

// The library's root object: one SystemPlugin per configured instance.
SMOLLAMA_PLUGIN_FACTORY(SystemPluginFactory, Smollama::SystemPlugin)

#include "systemplugin.moc"

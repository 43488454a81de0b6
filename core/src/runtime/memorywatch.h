// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

namespace Smollama {

/*!
    Watches the node's resident memory (VmRSS in /proc/self/status), has the allocator give
    the pages of freed memory back to the system before it looks (at most once a minute), and
    says when it has grown
    by more than memory.warn_growth_mb since the start finished: health turns degraded with the
    figures, and the log warns (again each time it grows by as much more).

    In-process plugins share the process's memory, so the growth cannot be attributed to one
    of them: the warning says so and points to docs/resilience.md.
*/
class SMOLLAMA_EXPORT MemoryWatch : public QObject
{
    Q_OBJECT

public:
    /*! \a memorySection: the configuration's `memory` section. */
    explicit MemoryWatch(const QJsonObject &memorySection, QObject *parent = nullptr);

    /*! Takes the first look and looks again every check_interval_s. */
    void start();
    void stop();
    /*! What the process uses now becomes the reference (the start has finished). */
    void rebase();

    /*! The resident memory of this process in KiB, or -1 when /proc cannot tell. */
    static qint64 residentKiB();

    /*! {"rss_mb", "start_rss_mb", "peak_rss_mb", "warn_growth_mb", "warning"}; "warning" is
        empty while the growth is below the limit. */
    QJsonObject toJson() const;
    /*! Why memory looks wrong; empty when it does not. */
    QString warning() const;

Q_SIGNALS:
    void warningChanged(const QString &warning);

private:
    void check();

    static constexpr qint64 kTrimIntervalMs = 60 * 1000;

    QTimer m_timer;
    QElapsedTimer m_sinceTrim; //!< since the allocator last gave freed pages back
    double m_growthLimitMiB = 64;
    qint64 m_baseKiB = -1;
    qint64 m_nowKiB = -1;
    qint64 m_peakKiB = -1;
    qint64 m_warnedAtKiB = -1; //!< the size of the last warning in the log
    QString m_warning;
};

} // namespace Smollama

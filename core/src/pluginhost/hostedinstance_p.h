// SPDX-License-Identifier: GPL-3.0-or-later
// What hostedinstance.cpp (calls) and hostsupervision.cpp (the supervisor thread) share.
#pragma once

#include <QCoreApplication>
#include <QString>

namespace Smollama::HostedInstancePrivate {

class PluginHostTr
{
    Q_DECLARE_TR_FUNCTIONS(PluginHost)
};

constexpr qint64 kCrashWindowMs = 5 * 60 * 1000;
constexpr int kCrashesBeforeFailed = 3;
constexpr int kMaxRestartDelayMs = 30000;
constexpr int kHelloTimeoutMs = 10000;
constexpr int kMemoryCheckMs = 2000;

/*! \a ms as seconds, for messages ("6", "0.5"). */
inline QString seconds(int ms)
{
    return QString::number(ms / 1000.0, 'g', 3);
}

} // namespace Smollama::HostedInstancePrivate

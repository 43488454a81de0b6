// SPDX-License-Identifier: GPL-3.0-or-later
// HostedInstance: the supervisor thread (what the host sends, its memory, its crashes and
// restarts) and starting a failed host again on request.
#include "hostedinstance.h"
#include "hostedinstance_p.h"

#include "plugins/pluginslog.h"

#include <smollama/plugincontext.h>

#include <QDateTime>
#include <QPointer>

#include <algorithm>

#include <sys/wait.h>

namespace Smollama {

using namespace HostProtocol;
using namespace HostedInstancePrivate;

void HostedInstance::supervise()
{
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            if (m_stopping || m_failed) {
                break;
            }
            if (!m_process.running()) {
                if (m_tearingDown) {
                    // The host ends by itself once it answered teardown(): never started again.
                    break;
                }
                m_changed.wait_for(
                    lock,
                    std::chrono::milliseconds(std::max<qint64>(0, m_restartAt.remainingTime())),
                    [this] { return m_stopping; });
                if (m_stopping) {
                    break;
                }
                if (!m_restartAt.hasExpired()) {
                    continue;
                }
                lock.unlock();
                restart();
                continue;
            }
        }
        QCborMap message;
        switch (m_reader.next(&message, 500)) {
        case FrameReader::Status::Frame:
            dispatch(message);
            break;
        case FrameReader::Status::Published:
        case FrameReader::Status::Timeout:
            break;
        case FrameReader::Status::Closed:
        case FrameReader::Status::Error:
            hostEnded();
            break;
        }
        checkMemory();
    }
    std::lock_guard lock(m_mutex);
    if (m_process.running()) {
        // Closing its end makes a healthy host tear down and exit; one that does not is
        // killed after a second.
        m_process.closeSocket();
        m_process.reap(1000);
    }
    m_ready = false;
    m_changed.notify_all();
}

void HostedInstance::published(const QList<Reading> &readings)
{
    PluginContext *context = nullptr;
    {
        std::lock_guard lock(m_mutex);
        context = m_context;
    }
    if (context) {
        for (const Reading &reading : readings) {
            context->publish(reading);
        }
    }
}

void HostedInstance::dispatch(const QCborMap &message)
{
    if (message.contains(QLatin1String("id"))) {
        std::lock_guard lock(m_mutex);
        m_answers.insert(message.value(QLatin1String("id")).toInteger(), message);
        m_changed.notify_all();
        return;
    }
    PluginContext *context = nullptr;
    quint64 generation = 0;
    {
        std::lock_guard lock(m_mutex);
        context = m_context;
        generation = m_generation;
    }
    if (message.contains(QLatin1String("degraded"))) {
        if (context) {
            context->setDegraded(message.value(QLatin1String("degraded")).toString());
        }
    } else if (message.contains(QLatin1String("node"))) {
        if (context) {
            context->updateNode(message.value(QLatin1String("node")).toString(),
                                message.value(QLatin1String("facts")).toJsonValue().toObject());
        }
    } else if (message.contains(QLatin1String("ask"))) {
        // The plugin asks the node (a tool, the agent): the answer goes back to the same host.
        const qint64 id = message.value(QLatin1String("ask")).toInteger();
        const auto reply = [this, generation, id](QCborMap answer) {
            answer.insert(QLatin1String("answer"), id);
            std::lock_guard lock(m_mutex);
            if (m_generation == generation && m_process.running()) {
                writeFrame(m_process.fd(), answer, nullptr);
            }
        };
        if (!context) {
            QCborMap answer;
            putToolResult(answer, ToolResult::error(PluginHostTr::tr("not set up yet")));
            answer.insert(QLatin1String("error"), PluginHostTr::tr("not set up yet"));
            reply(answer);
        } else if (message.contains(QLatin1String("tool"))) {
            context->callTool(message.value(QLatin1String("tool")).toString(),
                              message.value(QLatin1String("arguments")).toJsonValue().toObject(),
                              this, [reply](const ToolResult &result) {
                                  QCborMap answer;
                                  putToolResult(answer, result);
                                  reply(answer);
                              });
        } else {
            context->ask(message.value(QLatin1String("question")).toString(), this,
                         [reply](const QString &text, const QString &error) {
                             QCborMap answer;
                             answer.insert(QLatin1String("text"), text);
                             answer.insert(QLatin1String("error"), error);
                             reply(answer);
                         });
        }
    }
}

QString HostedInstance::endText(int status) const
{
    //: %1 is "crashed (SIGSEGV)" or "exited with code 3", %2 what it did ("read #3")
    return m_currentOp.isEmpty()
               ? PluginHostTr::tr("plugin host %1 between calls").arg(HostProcess::describe(status))
               : PluginHostTr::tr("plugin host %1 during %2")
                     .arg(HostProcess::describe(status), m_currentOp);
}

void HostedInstance::hostEnded()
{
    std::unique_lock lock(m_mutex);
    const int status = m_process.reap(1000);
    m_ready = false;
    if (m_stopping) {
        m_changed.notify_all();
        return;
    }
    if (m_tearingDown) {
        // A host ends by itself once it answered teardown(): no crash, nothing to restart.
        m_changed.notify_all();
        const bool clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;
        lock.unlock();
        if (!clean) {
            qCWarning(lcPlugins, "Plugin instance %s: plugin host %s during teardown()",
                      qPrintable(m_options.instance), qPrintable(HostProcess::describe(status)));
        }
        return;
    }
    const QString what = !m_killReason.isEmpty() ? m_killReason : endText(status);
    m_killReason.clear();
    m_currentOp.clear();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    while (!m_crashes.empty() && now - m_crashes.front() > kCrashWindowMs) {
        m_crashes.pop_front();
    }
    m_crashes.push_back(now);
    const int crashes = int(m_crashes.size());
    PluginState state = PluginState::Restarting;
    if (crashes >= kCrashesBeforeFailed || !m_setUp) {
        m_failed = true;
        state = PluginState::Failed;
        m_downReason =
            m_setUp ? PluginHostTr::tr("%1; %n crash(es) within 5 minutes: not started again "
                                       "until smollama restarts",
                                       nullptr, crashes)
                          .arg(what)
                    : what;
    } else {
        const int delay = int(std::min<qint64>(kMaxRestartDelayMs, 1000LL << (crashes - 1)));
        m_restartAt.setRemainingTime(delay);
        m_downReason =
            PluginHostTr::tr("%1; started again in %2 s (%n crash(es) so far)", nullptr, crashes)
                .arg(what, seconds(delay));
    }
    const QString reason = m_downReason;
    m_changed.notify_all();
    lock.unlock();
    qCWarning(lcPlugins, "Plugin instance %s: %s", qPrintable(m_options.instance),
              qPrintable(reason));
    report(state, reason);
}

void HostedInstance::restart()
{
    QString error;
    {
        std::lock_guard lock(m_mutex);
        if (!spawnLocked(&error)) {
            m_failed = true;
            m_downReason = error;
        }
    }
    if (!error.isEmpty()) {
        qCWarning(lcPlugins, "Plugin instance %s: %s", qPrintable(m_options.instance),
                  qPrintable(error));
        report(PluginState::Failed, error);
        return;
    }
    QCborMap answer;
    if (!exchangeDirect(loadRequest(), PluginHostTr::tr("loading the library"), kHelloTimeoutMs,
                        &answer, &error) ||
        answer.contains(QLatin1String("state"))) {
        hostEnded();
        return;
    }
    QCborMap setupRequest;
    setupRequest.insert(QLatin1String("op"), QStringLiteral("setup"));
    if (!exchangeDirect(setupRequest, QStringLiteral("setup()"), m_options.setupTimeoutMs, &answer,
                        &error)) {
        hostEnded();
        return;
    }
    const Result result = resultFrom(answer);
    if (!result.isOk()) {
        {
            std::lock_guard lock(m_mutex);
            m_killReason = PluginHostTr::tr("setup() failed in the restarted plugin host: %1")
                               .arg(result.message());
            m_process.kill();
        }
        hostEnded();
        return;
    }
    qint64 pid = 0;
    {
        std::lock_guard lock(m_mutex);
        m_ready = true;
        m_downReason.clear();
        pid = m_process.pid();
        m_changed.notify_all();
    }
    qCInfo(lcPlugins, "Plugin instance %s: plugin host started again (pid %lld)",
           qPrintable(m_options.instance), pid);
    report(PluginState::Loaded, QString());
}

void HostedInstance::checkMemory()
{
    std::lock_guard lock(m_mutex);
    if (!m_nextMemoryCheck.hasExpired() || !m_process.running() || m_options.maxRssMb <= 0) {
        return;
    }
    m_nextMemoryCheck.setRemainingTime(kMemoryCheckMs);
    const double rss = m_process.rssMiB();
    if (rss > m_options.maxRssMb) {
        m_killReason = PluginHostTr::tr("memory limit exceeded (%1 MiB > %2 MiB, max_rss_mb)")
                           .arg(qRound(rss))
                           .arg(m_options.maxRssMb);
        m_process.kill();
    }
}

bool HostedInstance::startAgain(QString *why)
{
    std::lock_guard supervisorLock(m_supervisorMutex);
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping || !m_setUp) {
            *why = PluginHostTr::tr("it was never set up in its plugin host: restart smollama to "
                                    "set it up again");
            return false;
        }
        if (!m_failed) {
            *why = PluginHostTr::tr("its plugin host has not given up: it runs, or is started "
                                    "again by itself");
            return false;
        }
    }
    // The supervisor ended when the instance failed.
    if (m_supervisor.joinable()) {
        m_supervisor.join();
    }
    const QString reason = PluginHostTr::tr("its plugin host is being started again on request");
    {
        std::lock_guard lock(m_mutex);
        m_failed = false;
        m_crashes.clear();
        m_restartAt.setRemainingTime(0);
        m_downReason = reason;
    }
    qCInfo(lcPlugins, "Plugin instance %s: its plugin host is started again on request",
           qPrintable(m_options.instance));
    report(PluginState::Restarting, reason);
    m_supervisor = std::thread([this] { supervise(); });
    return true;
}

} // namespace Smollama

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include "hostprocess.h"
#include "hostprotocol.h"
#include "plugins/pluginstatus.h"

#include <smollama/plugin.h>
#include <smollama/readingprovider.h>
#include <smollama/readingsink.h>
#include <smollama/toolprovider.h>

#include <QCborMap>
#include <QDeadlineTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace Smollama {

class HostedTool;

/*!
    The node's side of one plugin instance that runs in a `smollama-plugin-host` process
    (`isolation: process`, docs/resilience.md). It implements the SDK interfaces the instance
    implements, so the plugin manager, the reading manager and the tool registry use it as
    they use an in-process instance object: each call is a request to the host, answered or
    given up on.

    A supervisor thread reads what the host sends (answers, pushed readings, the plugin's own
    requests), watches its memory every 2 s, and restarts it after a crash: after 1 s, 2 s,
    4 s … at most 30 s, setting it up again as before; after 3 crashes within 5 minutes the
    instance is failed. While the host is down, reads give error readings with the reason
    and tool calls an error, at once.
*/
class SMOLLAMA_EXPORT HostedInstance : public QObject,
                                       public Plugin,
                                       public ReadingProvider,
                                       public ToolProvider,
                                       public ReadingSink
{
    Q_OBJECT
    Q_INTERFACES(
        Smollama::Plugin Smollama::ReadingProvider Smollama::ToolProvider Smollama::ReadingSink)

public:
    struct Options
    {
        QString program; //!< the host program (HostProcess::program())
        QString library; //!< the plugin library
        QJsonObject manifest;
        QString instance;
        QString node;
        QJsonObject config; //!< validated, with defaults
        QString language;
        int maxRssMb = 256;
        int setupTimeoutMs = 30000;
        int readHangMs = 6000;  //!< a read not answered this long: the host is restarted
        int toolHangMs = 30000; //!< the same for a tool call
        int teardownTimeoutMs = 5000;
    };
    /*! How the instance's state changes because of its host (called from any thread). */
    using StateSink = std::function<void(PluginState state, const QString &reason)>;

    explicit HostedInstance(const Options &options, QObject *parent = nullptr);
    ~HostedInstance() override;

    void setStateSink(StateSink sink);

    /*! Starts the host and loads the plugin in it. On failure \a state is where the instance
        stands (failed, incompatible, ...) and the message says why. */
    Result start(PluginState *state);
    /*! The interfaces the instance object in the host implements ("plugin", "readings",
        "tools", "sink"), as the host's load answer said. */
    QStringList interfaces() const { return m_interfaces; }
    /*! The host's process id (0 while none runs), its crashes in the current window. */
    qint64 hostPid() const;
    int crashCount() const;
    /*! Starts the host of an instance that failed after it ran (too many crashes) again, with
        its crash count cleared; the instance is `restarting` until the new host is set up.
        False, with \a why, when the instance is not failed that way (or is being torn down). */
    bool startAgain(QString *why);

    // Plugin
    Result checkDependencies(const QJsonObject &config) override;
    Result setup(const QJsonObject &config, PluginContext *context) override;
    void teardown() override;
    // ReadingProvider
    QList<SourceInfo> sources() const override;
    QList<Reading> read() override;
    // ToolProvider
    QList<Tool *> tools() const override;
    // ReadingSink
    void write(const QList<Reading> &readings) override;

    ToolResult callTool(const QString &name, const QJsonObject &arguments);

private:
    enum class CallOutcome { Answered, HostDown, Hung };
    CallOutcome call(QCborMap request, const QString &phase, int hangMs, QCborMap *answer,
                     QString *why);
    bool spawnLocked(QString *error);
    bool exchangeDirect(QCborMap request, const QString &phase, int timeoutMs, QCborMap *answer,
                        QString *why);
    QCborMap loadRequest() const;
    void supervise();
    void dispatch(const QCborMap &message);
    /*! The readings of a publish message: onto the bus, through the instance's context. */
    void published(const QList<Reading> &readings);
    void hostEnded();
    void restart();
    void checkMemory();
    void stopHost();
    void report(PluginState state, const QString &reason);
    /*! How the host ended, and in which call ("plugin host crashed (SIGSEGV) during read #3"). */
    QString endText(int status) const;

    const Options m_options;
    StateSink m_stateSink;
    PluginContext *m_context = nullptr;
    QStringList m_interfaces;
    QList<SourceInfo> m_sources;
    std::vector<std::unique_ptr<HostedTool>> m_tools;

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    HostProcess m_process;              //!< guarded by m_mutex
    HostProtocol::FrameReader m_reader; //!< the supervisor's (or the starter's, before it runs)
    bool m_ready = false;               //!< a host runs and answers requests
    quint64 m_generation = 0;           //!< counts the hosts started
    qint64 m_lastId = 0;
    QHash<qint64, QCborMap> m_answers;
    QString m_currentOp;  //!< the call in flight ("read #3"), for the crash reason
    QString m_killReason; //!< why the node killed the host, when it did
    QString m_downReason; //!< why calls fail now (empty while ready)
    bool m_setUp = false; //!< setup() succeeded: a restarted host is set up again
    bool m_stopping = false;
    bool m_tearingDown = false; //!< teardown() was sent: the host's end is no crash
    bool m_failed = false;
    int m_reads = 0;
    std::deque<qint64> m_crashes; //!< ms since the epoch, within the window
    QDeadlineTimer m_restartAt;
    QDeadlineTimer m_nextMemoryCheck;
    std::thread m_supervisor;
    std::mutex m_supervisorMutex; //!< joining and starting m_supervisor (stopHost, startAgain)
};

} // namespace Smollama

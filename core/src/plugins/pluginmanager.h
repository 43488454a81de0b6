// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/config.h"
#include "plugininstance.h"
#include "pluginstatus.h"

#include <smollama/reading.h>
#include <smollama/smollama_export.h>
#include <smollama/toolresult.h>

#include <QList>
#include <QMap>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

namespace Smollama {

class CrashGuard;
class PluginDiscovery;
class PluginResolver;
class RemoteDuplicates;

/*!
    Finds, checks, loads, sets up and tears down plugins.

    The phases, each safe to call once after the previous:
    1. discover(): reads every library's manifest with QPluginLoader::metaData(), without
       loading any library; checks the interface, the Qt version, the manifest schema and the
       SDK stamp; the first plugin of a name wins.
    2. resolve(): matches the configured instances with the plugins, validates each instance's
       config against the plugin's configSchema and fills in defaults.
    3. checkDependencies(): loads the libraries of enabled instances (a missing shared library
       becomes missing_dependencies, naming it), creates the instance objects and calls
       Plugin::checkDependencies(). This is where the dry run of `plugin list` stops.
    4. initializePlugins(): setup() in alphabetical order of instance names; conflicts of
       source ids and tool names are found here. A setup() that answers "not ready" (or fails
       in an instance with on_setup_error: retry) is tried again later with growing delays
       (state retrying); instanceReady() says when one succeeds. A retry never blocks the
       manager's thread: its plugin calls are queued and their answers come back queued.
    5. shutdownPlugins(): teardown() in reverse order for every instance whose setup()
       succeeded, even when others throw.

    Nothing a plugin does (returning errors, throwing) stops the others or the application.

    PluginDiscovery does the work of phase 1 and PluginResolver that of phase 2; the manager
    owns them, the specs (through the discovery) and the instances.
*/
class SMOLLAMA_EXPORT PluginManager : public QObject
{
    Q_OBJECT

public:
    explicit PluginManager(QObject *parent = nullptr);
    ~PluginManager() override;

    /*! The builtin plugin folder next to the running program (bin/../<libdir>/smollama/plugins,
        with Debian's multiarch libdir lib/<triplet>), so a build tree and an unpacked package
        work from any folder; else the one of the install prefix. $SMOLLAMA_BUILTIN_PLUGIN_DIR
        overrides both. */
    static QString defaultBuiltinPluginDir();

    void setBuiltinPluginDir(const QString &dir);
    /*! Folders given with --plugin-path, searched after the others. */
    void setExtraPluginPaths(const QStringList &dirs);
    void setConfig(const Config &config);
    const Config &config() const;

    /*! Records risky calls in \a guard (not owned) and skips the instances it blocked after a
        crash, unless \a crashCheck is false (--no-crashcheck). */
    void setCrashGuard(CrashGuard *guard, bool crashCheck = true);
    /*! Safe mode: only builtin plugins are loaded; \a reason says why ("--safe-mode", "the last
        3 starts did not finish"). An empty reason turns it off. */
    void setSafeMode(const QString &reason);
    QString safeModeReason() const;
    /*! --noload NAME (an instance or plugin name, or "all") and --load NAME: --load wins over
        --noload, safe mode, a crash block and enabled: false. */
    void setLoadOverrides(const QStringList &noload, const QStringList &load);

    /*! In order: builtin dir, plugins.paths, StatePaths::pluginsDir() (~/.smollama/plugins,
        /var/lib/smollama/plugins for the service), plugins.install_dir, --plugin-path folders.
        Each folder and its direct sub-folders are searched. */
    QStringList searchPaths() const;

    void discover();
    void resolve();
    void checkDependencies();
    /*! setup() of every enabled instance. With \a wait false nothing waits for a plugin: each
        instance is set up on its own thread at once, its answer comes back queued and
        instanceReady() says when it is loaded (as for a retry), so a setup() that hangs delays
        no other instance and not the caller's event loop. */
    void initializePlugins(bool wait = true);
    /*! True while a setup() (or what follows it) is running that nothing waits for. */
    bool setupsPending() const;
    /*! After initializePlugins(false): takes in the answers of the setup()s that come within
        \a maxMs (without running an event loop), so that in the usual case the instances are
        loaded when it returns; a setup() that takes longer goes on without anyone waiting.
        Returns setupsPending() == false. */
    bool waitForSetups(int maxMs);
    void shutdownPlugins();

    /*! discover(), resolve() and checkDependencies(): everything but setup(). */
    void prepare();

    /*! A row per instance, then a row per plugin that has none; sorted by instance name. */
    QList<PluginStatus> statuses() const;
    /*! How many rows of statuses() are in each state, without building the rows (what
        GET /api/health shows on every request). */
    QMap<PluginState, int> stateCounts() const;
    /*! The configured instances, in alphabetical (load) order. */
    QList<PluginInstance *> instances() const;
    PluginInstance *instance(const QString &name) const;
    /*! The instances whose setup() succeeded, in setup order. */
    QList<PluginInstance *> runningInstances() const;
    /*! Starts the plugin host of \a instance again after it failed there (3 crashes within
        5 minutes), without restarting smollama (POST /api/plugins/{instance}/restart,
        `smollama-cli plugin enable`). False, with \a why, when it is not such an instance
        (pluginhosting.cpp). */
    bool restartHostedInstance(const QString &instance, QString *why);

    /*! Runs \a function on the instance's worker thread and waits at most \a timeoutMs for
        it. Returns false on timeout; the function may still run later, so it must capture
        what it uses by value. Runs in the calling thread when the instance has no thread. */
    bool runOnInstanceThread(PluginInstance *instance, std::function<void()> function,
                             int timeoutMs);

    /*! Runs a tool call of \a instance on its thread (marked for the crash note) and waits at
        most \a timeoutMs. A call that does not return in time makes the instance stuck ("a call
        of tool X has not returned ...") until it does; meanwhile busyReason() says so. Any
        thread. */
    bool runToolCall(PluginInstance *instance, const QString &tool, std::function<void()> function,
                     int timeoutMs);
    /*! Why \a instance takes no call now (a call of it hangs); empty when it does. Any thread. */
    QString busyReason(PluginInstance *instance) const;

    /*! Changes an instance's state and emits statusChanged(). An instance that said it is
        degraded (PluginContext::setDegraded()) stays degraded with its own reason when
        \a state is Loaded. */
    void setInstanceState(PluginInstance *instance, PluginState state, const QString &reason);

    /*! What the node offers its plugins beyond readings (PluginContext::callTool(), ask(),
        nodeName()); NodeRuntime fills it in. A part left empty answers with an error. */
    struct HostServices
    {
        QString nodeName;
        std::function<void(const QString &name, const QJsonObject &arguments, QObject *receiver,
                           std::function<void(const ToolResult &)> done)>
            callTool;
        std::function<void(const QString &question, QObject *receiver,
                           std::function<void(const QString &answer, const QString &error)> done)>
            ask;
    };
    void setHostServices(const HostServices &services);
    const HostServices &hostServices() const;

    /*! The instance says it is degraded (non-empty \a reason) or healthy again; from
        PluginContext::setDegraded(), on the manager's thread. */
    void setReportedHealth(const QString &instance, const QString &reason);

    /*! How long setup() and teardown() may take before the instance is given up (ms). */
    void setTimeouts(int setupTimeoutMs, int teardownTimeoutMs);

    /*! The delay before the first setup retry and the longest one (ms); 1 s and 60 s unless
        changed. An instance's retry_max_delay_s overrides the longest. */
    void setRetryDelays(int firstMs, int maxMs);
    /*! Cancels every pending setup retry (shutdownPlugins() does it first). */
    void stopRetries();

    /*! True when some plugin call never returned: its thread cannot be joined, so the
        process should leave with _exit() after flushing what it must. */
    bool hasAbandonedInstances() const;

Q_SIGNALS:
    void statusChanged(const Smollama::PluginStatus &status);
    /*! A reading a plugin pushed through PluginContext::publish(), source already qualified.
        May be emitted from any thread. */
    void readingPublished(const Smollama::Reading &reading);
    /*! An instance whose setup() was retried is now set up (state loaded): its readings can be
        polled and its tools registered. Not emitted for the instances initializePlugins() sets
        up while the caller waits. */
    void instanceReady(const QString &instance);
    /*! An instance is about to be torn down: nothing may call into it from now on (a sink
        stops receiving readings). Emitted on the manager's thread. */
    void instanceStopping(const QString &instance);
    /*! A plugin said what it knows of another node (PluginContext::updateNode()); emitted in
        the plugin's thread. */
    void nodeUpdated(const QString &instance, const QString &node, const QJsonObject &facts);

private:
    void setState(PluginInstance *instance, PluginState state, const QString &reason);
    void stopThread(PluginInstance *instance, bool idle);
    struct SetupCall;
    /*! setup() and what follows for one instance. Unless \a async it returns when the
        instance is loaded or has failed; an async one (a retry) never blocks this thread: its
       plugin calls are queued to the instance's thread, their answers come back queued, and a timer
       gives the instance up when one does not come in time. instanceReady() says when it is loaded.
     */
    void setupInstance(PluginInstance *instance, bool async);
    void setupAnswered(PluginInstance *instance, const std::shared_ptr<SetupCall> &call,
                       bool finished);
    void declaredAnswered(PluginInstance *instance, const std::shared_ptr<SetupCall> &call,
                          bool answered);
    /*! Runs \a function on the instance's thread, then \a next with whether it finished within
        \a timeoutMs: waiting for it, or (\a async) from the event loop without waiting. */
    void callPlugin(PluginInstance *instance, bool async, std::function<void()> function,
                    int timeoutMs, std::function<void(bool finished)> next);
    void pendingAnswered(const QString &name, const std::shared_ptr<CallLink> &link);
    /*! Ends the instance's pending call: its answer or a late one is ignored from now on. */
    std::function<void(bool)> takePending(PluginInstance *instance);
    void toolCallReturned(const QString &instance, const QString &tool);
    void scheduleRetry(PluginInstance *instance, const QString &why);
    void retrySetup(const QString &name);
    bool createObject(PluginInstance *instance);
    /*! createObject() for an instance with isolation: process (pluginhosting.cpp). */
    bool createHostedObject(PluginInstance *instance);
    bool checkInterfaces(PluginInstance *instance);
    /*! A state its plugin host's proxy reports (restarting, failed, loaded again). */
    void setHostState(const QString &instance, PluginState state, const QString &reason);
    void teardownInstance(PluginInstance *instance, int timeoutMs = -1);

    Config m_config;
    /*! Owns the specs the instances point into. */
    std::unique_ptr<PluginDiscovery> m_discovery;
    std::unique_ptr<PluginResolver> m_resolver;
    std::vector<std::unique_ptr<PluginInstance>> m_instances;
    QList<PluginStatus> m_unusedSpecRows;
    QList<PluginInstance *> m_setupOrder;
    int m_setupTimeoutMs = 30000;
    int m_teardownTimeoutMs = 5000;
    bool m_abandoned = false;
    bool m_retriesStopped = false;
    bool m_stopping = false; //!< shutdownPlugins() is ending the retries in flight
    int m_retryFirstDelayMs = 1000;
    int m_retryMaxDelayMs = 60000;
    HostServices m_hostServices;
    std::shared_ptr<CallLink> m_self; //!< lets late answers of plugin calls find the manager
    /*! Refuses copies of readings of other nodes, whichever bridge brings them. */
    std::shared_ptr<RemoteDuplicates> m_remoteDuplicates;
};

} // namespace Smollama

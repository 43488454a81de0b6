// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class QTemporaryDir;

namespace Smollama {

/*!
    Gets a plugin from a git repository, a source folder, a folder with a built plugin or a
    library file into <install dir>/<name>/, checked, atomically: fetch → build → verify →
    probe → stage → swap. A failure in any step leaves the install folder as it was (an
    installed version stays in place). `smollama-cli plugin install` and `plugin upgrade` run
    it; each step is public so that it can be tested on its own.

    Progress is reported through the handlers; errors are sentences a person can act on, which
    already say "nothing was installed" where it matters.
*/
class SMOLLAMA_EXPORT PluginInstaller
{
public:
    struct Request
    {
        /*! A git URL (https://, ssh://, git@host:path, file://, a path ending in .git), a plugin
            source folder (with a CMakeLists.txt), a folder with a built plugin or a .so file. */
        QString source;
        /*! A git branch, tag or commit; only with a git source. */
        QString ref;
        /*! Replace an installed plugin of the same name, or install one named as a builtin. */
        bool force = false;
        /*! Non-empty (upgrade): the source must still build the plugin of this name. */
        QString expectedName;
    };

    /*! The pipeline's steps, in the order install() runs them. */
    enum class Step { Fetch, Build, Verify, Probe, Stage, Swap };

    /*! What install() did. */
    struct Result
    {
        bool ok = false;
        /*! The step that failed (when !ok). */
        Step failedStep = Step::Fetch;
        QString error;
        QString name;
        QString version;
        /*! The plugin's folder: <install dir>/<name>. */
        QString target;
        /*! The validated manifest. */
        QJsonObject manifest;
    };

    /*! The outcome of fetch(): a source folder to build, or libraries that are already built. */
    struct Fetched
    {
        QString error;
        QString sourceDir;
        QStringList libraries;
        /*! What origin.json records: kind, source, ref, commit. */
        QJsonObject origin;
    };

    /*! The outcome of verify(). */
    struct Verified
    {
        QString error;
        QString library;
        QJsonObject manifest;
        QString name;
        QString version;
    };

    /*! Installs into \a installDir (created when missing). */
    explicit PluginInstaller(const QString &installDir);
    ~PluginInstaller();
    PluginInstaller(const PluginInstaller &) = delete;
    PluginInstaller &operator=(const PluginInstaller &) = delete;

    QString installDir() const { return m_installDir; }

    /*! The SDK's CMake package folder a source is built against (SmollamaConfig.cmake). */
    void setSdkPackageDir(const QString &dir) { m_sdkPackageDir = dir; }
    /*! The program (and its first arguments) that loads a library in a child process; the
        library's path is appended. It prints one JSON line and exits 0 when the library
        loads (see PluginProbe). Default: this program with `plugin probe`. */
    void setProbeCommand(const QString &program, const QStringList &arguments);
    /*! The names of the builtin plugins (an installed copy of one would never be used).
        Default: builtinPluginNames(). */
    void setBuiltinNames(const QStringList &names)
    {
        m_builtinNames = names;
        m_builtinNamesSet = true;
    }

    /*! Called with each step's headline ("Cloning URL", "Building"). */
    void setStepHandler(std::function<void(const QString &)> handler);
    /*! Called with each line the build prints. */
    void setBuildOutputHandler(std::function<void(const QString &)> handler);
    /*! Called when the build's progress (0-100) grows. */
    void setBuildProgressHandler(std::function<void(int)> handler);

    /*! Runs every step. */
    Result install(const Request &request);

    // The steps, in order. Each returns an error text (empty on success) in its result.

    /*! Clones a git source (checking out request.ref) into a temporary folder, or resolves a
        local one. */
    Fetched fetch(const Request &request);
    /*! Configures and builds \a sourceDir against the SDK; the plugin libraries it built. */
    QStringList build(const QString &sourceDir, const QString &source, QString *error);
    /*! Picks the one library among \a libraries and checks its manifest without loading it:
        interface, Qt and SDK versions, the manifest schema, the name rule, \a expectedName. */
    Verified verify(const QStringList &libraries, const QString &source,
                    const QString &expectedName = QString()) const;
    /*! Loads \a library in a child process; empty when it loads and implements what its
        manifest declares. */
    QString probe(const QString &library) const;
    /*! Whether plugin \a name may go to its folder: not a builtin's name, not installed
        already (unless \a force). */
    QString checkTarget(const QString &name, bool force) const;
    /*! Copies \a library and origin.json into a new hidden folder beside the target (the same
        file system, so that swap() is a rename). Returns the staged folder in \a staged. */
    QString stage(const Verified &verified, const QJsonObject &origin, QString *staged) const;
    /*! Moves \a staged into \a target. An installed version is moved aside first and back
        again when the new one cannot be put in place (rollback), and deleted only after. */
    QString swap(const QString &staged, const QString &target) const;

    /*! Removes the installed plugin \a name (moved out of the search path first, then deleted:
        never half a plugin in place). */
    QString uninstall(const QString &name) const;

    /*! The folder of plugin \a name: <install dir>/<name>. */
    QString targetOf(const QString &name) const;

    /*! True when \a source is a git URL rather than a local path. */
    static bool isGitSource(const QString &source);
    /*! Built smollama plugin libraries under \a dir (CMake's own folders skipped). */
    static QStringList pluginLibraries(const QString &dir);
    /*! The names of the builtin plugins (read from their manifests, nothing loaded). */
    static QStringList builtinPluginNames();
    /*! What origin.json of the installed plugin folder \a pluginDir says (empty when none). */
    static QJsonObject origin(const QString &pluginDir);
    /*! Debian packages of \a packages that dpkg does not list as installed; \a checked is
        false when dpkg-query is not there to ask. */
    static QStringList missingPackages(const QStringList &packages, bool *checked);

private:
    QString m_installDir;
    QString m_sdkPackageDir;
    QString m_probeProgram;
    QStringList m_probeArguments;
    QStringList m_builtinNames;
    bool m_builtinNamesSet = false;
    std::function<void(const QString &)> m_onStep;
    std::function<void(const QString &)> m_onBuildLine;
    std::function<void(int)> m_onBuildProgress;
    std::unique_ptr<QTemporaryDir> m_workspace;

    void reportStep(const QString &text) const;
    QStringList builtinNames() const;
    QString workspacePath(QString *error);
};

} // namespace Smollama

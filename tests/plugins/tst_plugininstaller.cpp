// SPDX-License-Identifier: GPL-3.0-or-later
// PluginInstaller step by step: fetch, build, verify, probe, stage, swap and uninstall, each
// with its failure modes; a failure never changes what is installed.
#include "plugins/plugininstaller.h"
#include "plugins/pluginprobe.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "requiredtool.h"

using namespace Smollama;

namespace {

QString fixtureLibrary(const QString &dir)
{
    const QStringList found =
        PluginInstaller::pluginLibraries(QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/") + dir);
    return found.value(0);
}

// Every entry under \a dir (hidden ones too) with its size and time.
QStringList snapshot(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info(it.next());
        out << QStringLiteral("%1 %2 %3")
                   .arg(info.absoluteFilePath())
                   .arg(info.isDir() ? 0 : info.size())
                   .arg(info.lastModified().toMSecsSinceEpoch());
    }
    out.sort();
    return out;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

} // namespace

class tst_PluginInstaller : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_work;

    // An installer into a fresh folder, with the real trial load and no builtin names.
    std::unique_ptr<PluginInstaller> installer(const QString &folder)
    {
        auto result = std::make_unique<PluginInstaller>(m_work.filePath(folder));
        result->setProbeCommand(QStringLiteral(SMOLLAMA_CLI),
                                {QStringLiteral("plugin"), QStringLiteral("probe")});
        result->setBuiltinNames({QStringLiteral("system")});
        return result;
    }

    // A fake SDK package: configure finds a SmollamaConfig.cmake (which defines nothing).
    QString fakeSdk()
    {
        const QString dir = m_work.filePath(QStringLiteral("sdk"));
        writeFile(dir + QStringLiteral("/SmollamaConfig.cmake"), "# test SDK\n");
        return dir;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_work.isValid());
        QVERIFY(!fixtureLibrary(QStringLiteral("good")).isEmpty());
    }

    void gitSources_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<bool>("git");
        QTest::newRow("https") << "https://example.org/p.git" << true;
        QTest::newRow("ssh") << "ssh://host/p" << true;
        QTest::newRow("scp") << "git@example.org:me/p" << true;
        QTest::newRow("file") << "file:///srv/p" << true;
        QTest::newRow(".git path") << "/srv/p.git/" << true;
        QTest::newRow("folder") << "/srv/plugin" << false;
        QTest::newRow("library") << "./libx.so" << false;
    }

    void gitSources()
    {
        QFETCH(QString, source);
        QFETCH(bool, git);
        QCOMPARE(PluginInstaller::isGitSource(source), git);
    }

    void fetchRefusesBadSources_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("ref");
        QTest::addColumn<QString>("message");
        QTest::newRow("no such path")
            << "/nonexistent/smollama/plugin" << QString() << "does not exist: give a git URL";
        QTest::newRow("ref on a path")
            << QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good") << "v1"
            << "--ref needs a git URL";
        QTest::newRow("bad git URL")
            << "file:///nonexistent/smollama/repo.git" << QString() << "cannot clone";
    }

    void fetchRefusesBadSources()
    {
        QFETCH(QString, source);
        QFETCH(QString, ref);
        QFETCH(QString, message);
        if (PluginInstaller::isGitSource(source)) {
            SMOLLAMA_REQUIRE_TOOL(!QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty(),
                                  "git is not installed");
        }
        auto inst = installer(QStringLiteral("fetch"));
        const PluginInstaller::Fetched fetched = inst->fetch({source, ref, false, {}});
        QVERIFY2(fetched.error.contains(message), qPrintable(fetched.error));
        QVERIFY(fetched.libraries.isEmpty());
        QVERIFY(fetched.sourceDir.isEmpty());
    }

    void fetchFindsBuiltLibraries()
    {
        auto inst = installer(QStringLiteral("fetch"));
        QStringList steps;
        inst->setStepHandler([&steps](const QString &text) { steps << text; });
        const PluginInstaller::Fetched folder =
            inst->fetch({QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good"), {}, false, {}});
        QVERIFY2(folder.error.isEmpty(), qPrintable(folder.error));
        QCOMPARE(folder.libraries, QStringList{fixtureLibrary(QStringLiteral("good"))});
        QCOMPARE(folder.origin.value(QLatin1String("kind")).toString(), QStringLiteral("built"));
        QVERIFY(steps.value(0).startsWith(QLatin1String("Looking for a built plugin in")));

        const PluginInstaller::Fetched library =
            inst->fetch({fixtureLibrary(QStringLiteral("good")), {}, false, {}});
        QCOMPARE(library.origin.value(QLatin1String("kind")).toString(), QStringLiteral("library"));
        QCOMPARE(library.libraries, QStringList{fixtureLibrary(QStringLiteral("good"))});
    }

    void fetchClonesGit()
    {
        SMOLLAMA_REQUIRE_TOOL(!QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty(),
                              "git is not installed");
        const QString repo = m_work.filePath(QStringLiteral("repo"));
        QVERIFY(writeFile(repo + QStringLiteral("/CMakeLists.txt"), "project(x NONE)\n"));
        const auto git = [&](const QStringList &arguments) {
            QProcess p;
            p.start(QStringLiteral("git"), QStringList{QStringLiteral("-C"), repo} + arguments);
            return p.waitForFinished() && p.exitCode() == 0;
        };
        QVERIFY(git({QStringLiteral("init"), QStringLiteral("-q")}));
        QVERIFY(git({QStringLiteral("add"), QStringLiteral(".")}));
        QVERIFY(git({QStringLiteral("-c"), QStringLiteral("user.name=t"), QStringLiteral("-c"),
                     QStringLiteral("user.email=t@t"), QStringLiteral("commit"),
                     QStringLiteral("-qm"), QStringLiteral("one")}));
        QVERIFY(git({QStringLiteral("tag"), QStringLiteral("v1")}));

        auto inst = installer(QStringLiteral("clone"));
        const PluginInstaller::Fetched fetched =
            inst->fetch({QStringLiteral("file://") + repo, QStringLiteral("v1"), false, {}});
        QVERIFY2(fetched.error.isEmpty(), qPrintable(fetched.error));
        QVERIFY(QFileInfo::exists(fetched.sourceDir + QStringLiteral("/CMakeLists.txt")));
        QCOMPARE(fetched.origin.value(QLatin1String("commit")).toString().size(), 40);

        const PluginInstaller::Fetched noRef =
            inst->fetch({QStringLiteral("file://") + repo, QStringLiteral("v9"), false, {}});
        QVERIFY2(noRef.error.contains(QLatin1String("has no branch, tag or commit 'v9'")),
                 qPrintable(noRef.error));
    }

    void buildFailures_data()
    {
        QTest::addColumn<QByteArray>("cmakeLists");
        QTest::addColumn<QString>("message");
        QTest::newRow("configure")
            << QByteArray("message(FATAL_ERROR \"no such thing\")\n") << "configuring";
        QTest::newRow("compile")
            << QByteArray("cmake_minimum_required(VERSION 3.16)\nproject(x LANGUAGES CXX)\n"
                          "add_library(x MODULE broken.cpp)\n")
            << "building";
    }

    void buildFailures()
    {
        QFETCH(QByteArray, cmakeLists);
        QFETCH(QString, message);
        SMOLLAMA_REQUIRE_TOOL(!QStandardPaths::findExecutable(QStringLiteral("cmake")).isEmpty(),
                              "cmake is not installed");
        const QString source =
            m_work.filePath(QStringLiteral("broken_%1").arg(QTest::currentDataTag()));
        QVERIFY(writeFile(source + QStringLiteral("/CMakeLists.txt"), cmakeLists));
        QVERIFY(writeFile(source + QStringLiteral("/broken.cpp"), "this is not C++;\n"));

        auto inst = installer(QStringLiteral("build"));
        inst->setSdkPackageDir(fakeSdk());
        QString error;
        const QStringList built = inst->build(source, source, &error);
        QVERIFY(built.isEmpty());
        QVERIFY2(error.startsWith(message), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("nothing was installed")), qPrintable(error));
    }

    void buildNeedsTheSdk()
    {
        auto inst = installer(QStringLiteral("build"));
        inst->setSdkPackageDir(m_work.filePath(QStringLiteral("no-sdk")));
        QString error;
        QVERIFY(inst->build(m_work.path(), m_work.path(), &error).isEmpty());
        QVERIFY2(error.contains(QLatin1String("SmollamaConfig.cmake")), qPrintable(error));
    }

    void buildFindsWhatItBuilt()
    {
        SMOLLAMA_REQUIRE_TOOL(!QStandardPaths::findExecutable(QStringLiteral("cmake")).isEmpty(),
                              "cmake is not installed");
        // A project whose "build" puts a plugin library in its build folder.
        const QString source = m_work.filePath(QStringLiteral("copies"));
        QVERIFY(writeFile(source + QStringLiteral("/CMakeLists.txt"),
                          "cmake_minimum_required(VERSION 3.16)\nproject(x NONE)\n"
                          "configure_file(\"" +
                              fixtureLibrary(QStringLiteral("good")).toUtf8() +
                              "\" \"${CMAKE_BINARY_DIR}/out/libcopied.so\" COPYONLY)\n"));
        auto inst = installer(QStringLiteral("build"));
        inst->setSdkPackageDir(fakeSdk());
        QStringList steps;
        inst->setStepHandler([&steps](const QString &text) { steps << text; });
        QString error;
        const QStringList built = inst->build(source, source, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(built.size(), 1);
        QVERIFY(built.first().endsWith(QLatin1String("/out/libcopied.so")));
        QCOMPARE(steps.value(1), QStringLiteral("Building"));
    }

    void verifyRefuses_data()
    {
        QTest::addColumn<QStringList>("libraries");
        QTest::addColumn<QString>("expectedName");
        QTest::addColumn<QString>("message");
        const QString good = fixtureLibrary(QStringLiteral("good"));
        QTest::newRow("nothing built")
            << QStringList() << QString() << "no smollama plugin library";
        QTest::newRow("two libraries") << QStringList{good, fixtureLibrary(QStringLiteral("tools"))}
                                       << QString() << "several plugin libraries";
        QTest::newRow("SDK (ABI) mismatch")
            << QStringList{fixtureLibrary(QStringLiteral("oldsdk"))} << QString() << "SDK";
        QTest::newRow("manifest without version")
            << QStringList{fixtureLibrary(QStringLiteral("noversion"))} << QString() << "version";
        QTest::newRow("not a plugin") << QStringList{QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR
                                                                    "/notaplugin/libnotaplugin.so")}
                                      << QString() << "is not an installable plugin";
        QTest::newRow("upgrade builds another plugin") << QStringList{good} << "other_plugin"
                                                       << "now builds the plugin 'fixture_good'";
    }

    void verifyRefuses()
    {
        QFETCH(QStringList, libraries);
        QFETCH(QString, expectedName);
        QFETCH(QString, message);
        auto inst = installer(QStringLiteral("verify"));
        const PluginInstaller::Verified verified =
            inst->verify(libraries, QStringLiteral("SOURCE"), expectedName);
        QVERIFY2(verified.error.contains(message), qPrintable(verified.error));
    }

    void verifyReadsTheManifest()
    {
        auto inst = installer(QStringLiteral("verify"));
        const PluginInstaller::Verified verified =
            inst->verify({fixtureLibrary(QStringLiteral("good"))}, QStringLiteral("SOURCE"));
        QVERIFY2(verified.error.isEmpty(), qPrintable(verified.error));
        QCOMPARE(verified.name, QStringLiteral("fixture_good"));
        QCOMPARE(verified.version, QStringLiteral("1.2.3"));
    }

    void probe()
    {
        auto inst = installer(QStringLiteral("probe"));
        QCOMPARE(inst->probe(fixtureLibrary(QStringLiteral("good"))), QString());

        // A library that cannot be loaded (a dependency is missing).
        const QString needslib = inst->probe(fixtureLibrary(QStringLiteral("needslib")));
        QVERIFY2(needslib.startsWith(QLatin1String("the plugin cannot be loaded")),
                 qPrintable(needslib));

        // A trial load that crashes.
        inst->setProbeCommand(
            QStringLiteral("sh"),
            {QStringLiteral("-c"), QStringLiteral("kill -ABRT $$"), QStringLiteral("sh")});
        QCOMPARE(inst->probe(fixtureLibrary(QStringLiteral("good"))),
                 QStringLiteral("the plugin crashed when loaded (signal 6); nothing was "
                                "installed"));
    }

    void probeInProcess()
    {
        const QJsonObject good = PluginProbe::run(fixtureLibrary(QStringLiteral("tools")));
        QVERIFY(good.value(QLatin1String("ok")).toBool());
        QVERIFY(good.value(QLatin1String("interfaces"))
                    .toArray()
                    .contains(QStringLiteral("Smollama::ToolProvider")));
        const QJsonObject none = PluginProbe::run(m_work.filePath(QStringLiteral("none.so")));
        QVERIFY(!none.value(QLatin1String("ok")).toBool());
        QVERIFY(!none.value(QLatin1String("error")).toString().isEmpty());
    }

    void installStagesAndSwaps()
    {
        auto inst = installer(QStringLiteral("plugins"));
        const PluginInstaller::Result first =
            inst->install({fixtureLibrary(QStringLiteral("good")), {}, false, {}});
        QVERIFY2(first.ok, qPrintable(first.error));
        QCOMPARE(first.target, inst->installDir() + QStringLiteral("/fixture_good"));
        QCOMPARE(PluginInstaller::origin(first.target).value(QLatin1String("version")).toString(),
                 QStringLiteral("1.2.3"));
        QCOMPARE(PluginInstaller::pluginLibraries(first.target).size(), 1);
        // Nothing but the plugin's folder: no staging or backup folders left behind.
        QCOMPARE(QDir(inst->installDir())
                     .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{QStringLiteral("fixture_good")});

        // Installed already: refused without --force, nothing changed.
        const QStringList before = snapshot(inst->installDir());
        const PluginInstaller::Result again =
            inst->install({fixtureLibrary(QStringLiteral("good")), {}, false, {}});
        QVERIFY(!again.ok);
        QCOMPARE(again.failedStep, PluginInstaller::Step::Stage);
        QVERIFY2(again.error.contains(QLatin1String("add --force")), qPrintable(again.error));
        QVERIFY2(again.error.contains(QLatin1String("(version 1.2.3)")), qPrintable(again.error));
        QCOMPARE(snapshot(inst->installDir()), before);

        // A trial load that fails: the installed version stays.
        inst->setProbeCommand(QStringLiteral("false"), {});
        const PluginInstaller::Result probeFails =
            inst->install({fixtureLibrary(QStringLiteral("good")), {}, true, {}});
        QCOMPARE(probeFails.failedStep, PluginInstaller::Step::Probe);
        QCOMPARE(snapshot(inst->installDir()), before);

        // --force replaces it.
        inst->setProbeCommand(QStringLiteral(SMOLLAMA_CLI),
                              {QStringLiteral("plugin"), QStringLiteral("probe")});
        const PluginInstaller::Result forced =
            inst->install({fixtureLibrary(QStringLiteral("good")), {}, true, {}});
        QVERIFY2(forced.ok, qPrintable(forced.error));
        QVERIFY(snapshot(inst->installDir()) != before);
        QCOMPARE(QDir(inst->installDir())
                     .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{QStringLiteral("fixture_good")});
    }

    void checkTarget()
    {
        auto inst = installer(QStringLiteral("target"));
        QVERIFY(inst->checkTarget(QStringLiteral("fixture_good"), false).isEmpty());
        QVERIFY(
            inst->checkTarget(QStringLiteral("system"), false).contains(QLatin1String("builtin")));
        QVERIFY(inst->checkTarget(QStringLiteral("system"), true).isEmpty());
        QVERIFY(inst->checkTarget(QStringLiteral("../escape"), true)
                    .contains(QLatin1String("invalid")));
    }

    void swapKeepsTheOldVersionOnFailure()
    {
        auto inst = installer(QStringLiteral("swap"));
        const PluginInstaller::Result installed =
            inst->install({fixtureLibrary(QStringLiteral("good")), {}, false, {}});
        QVERIFY2(installed.ok, qPrintable(installed.error));
        const QStringList before = snapshot(inst->installDir());

        // The new version cannot be moved into place: the old one is moved back (rollback).
        const QString error =
            inst->swap(inst->installDir() + QStringLiteral("/.gone.new-x"), installed.target);
        QVERIFY2(error.contains(QLatin1String("nothing was changed")), qPrintable(error));
        QCOMPARE(snapshot(inst->installDir()), before);

        // A staged version replaces the old one; the old one is deleted after.
        PluginInstaller::Verified verified =
            inst->verify({fixtureLibrary(QStringLiteral("good"))}, QStringLiteral("SOURCE"));
        QString staged;
        QCOMPARE(inst->stage(verified, {{QStringLiteral("kind"), QStringLiteral("test")}}, &staged),
                 QString());
        QVERIFY(QFileInfo(staged).fileName().startsWith(QLatin1String(".fixture_good.new-")));
        QCOMPARE(inst->swap(staged, installed.target), QString());
        QCOMPARE(PluginInstaller::origin(installed.target).value(QLatin1String("kind")).toString(),
                 QStringLiteral("test"));
        QCOMPARE(QDir(inst->installDir())
                     .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{QStringLiteral("fixture_good")});
    }

    void uninstall()
    {
        auto inst = installer(QStringLiteral("uninstall"));
        QVERIFY(inst->uninstall(QStringLiteral("fixture_good"))
                    .contains(QLatin1String("no plugin 'fixture_good' is installed")));
        QVERIFY(inst->uninstall(QStringLiteral("system")).contains(QLatin1String("builtin")));
        QVERIFY(
            inst->uninstall(QStringLiteral("../x")).contains(QLatin1String("not a plugin name")));
        QVERIFY(inst->install({fixtureLibrary(QStringLiteral("good")), {}, false, {}}).ok);
        QCOMPARE(inst->uninstall(QStringLiteral("fixture_good")), QString());
        QVERIFY(QDir(inst->installDir())
                    .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)
                    .isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_PluginInstaller)
#include "tst_plugininstaller.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// The plugin author's path end to end, with the real programs: smollama-cli plugin new ->
// cmake against the build tree's SDK package -> the project's own test -> git -> plugin install
// -> plugin list -> plugin uninstall; and every failed install leaves the plugins folder as it
// was.
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    bool crashed = false;
    QString out;
    QString err;
    QString all() const { return out + err; }
};

Run run(const QString &program, const QStringList &arguments, const QString &workDir = {},
        int timeoutMs = 300000)
{
    QProcess process;
    if (!workDir.isEmpty()) {
        process.setWorkingDirectory(workDir);
    }
    process.start(program, arguments);
    Run r;
    if (!process.waitForStarted() || !process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        r.err = QStringLiteral("%1 did not finish: %2").arg(program, process.errorString());
        return r;
    }
    r.crashed = process.exitStatus() == QProcess::CrashExit;
    r.exitCode = process.exitCode();
    r.out = QString::fromUtf8(process.readAllStandardOutput());
    r.err = QString::fromUtf8(process.readAllStandardError());
    return r;
}

Run cli(const QStringList &arguments)
{
    return run(QStringLiteral(SMOLLAMA_CLI), arguments);
}

QString pluginsDir()
{
    return QDir::homePath() + QStringLiteral("/.smollama/plugins");
}

// Every file and folder under the plugins folder (hidden ones too) with size and time: what a
// failed install must not change.
QStringList snapshot()
{
    QStringList out;
    QDirIterator it(pluginsDir(), QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
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

// The plugin list --json row of plugin \a name (the first), or an empty object.
QJsonObject listed(const QString &name)
{
    const Run r = cli({QStringLiteral("plugin"), QStringLiteral("list"), QStringLiteral("--json")});
    const QJsonArray rows = QJsonDocument::fromJson(r.out.toUtf8()).array();
    for (const QJsonValue &row : rows) {
        if (row.toObject().value(QLatin1String("name")).toString() == name) {
            return row.toObject();
        }
    }
    return {};
}

QStringList generatorArguments()
{
    if (!QStandardPaths::findExecutable(QStringLiteral("ninja")).isEmpty()) {
        return {QStringLiteral("-G"), QStringLiteral("Ninja")};
    }
    return {};
}

} // namespace

class tst_PluginInstall : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_work;
    QString m_project; // the scaffolded sensor plugin
    QString m_build;   // its build folder

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_work.isValid());
        // smollama_add_test() gives the test an empty HOME of its own.
        QVERIFY2(QDir::homePath().contains(QLatin1String("tst_plugininstall")),
                 qPrintable(QDir::homePath()));
        QDir(QDir::homePath()).removeRecursively();
        QVERIFY(QDir().mkpath(QDir::homePath()));
    }

    void newRefusesInvalidNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("upper case") << "MySensor";
        QTest::newRow("digit first") << "1wire";
        QTest::newRow("dash") << "my-sensor";
        QTest::newRow("path") << "../evil";
    }

    void newRefusesInvalidNames()
    {
        QFETCH(QString, name);
        const Run r = cli({QStringLiteral("plugin"), QStringLiteral("new"), name,
                           QStringLiteral("--dir"), m_work.path()});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QLatin1String("not a valid plugin name")), qPrintable(r.err));
        QVERIFY(QDir(m_work.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty());
    }

    void scaffoldBuildsAndPassesItsOwnTest()
    {
        const Run created = cli({QStringLiteral("plugin"), QStringLiteral("new"),
                                 QStringLiteral("demo_sensor"), QStringLiteral("--type"),
                                 QStringLiteral("sensor"), QStringLiteral("--dir"), m_work.path()});
        QVERIFY2(created.exitCode == 0, qPrintable(created.all()));
        m_project = m_work.filePath(QStringLiteral("demo_sensor"));
        for (const char *file :
             {"CMakeLists.txt", "plugin.json", "README.md", "demo_sensorplugin.h",
              "demo_sensorplugin.cpp", "tests/tst_demo_sensor.cpp"}) {
            QVERIFY2(QFileInfo::exists(m_project + QLatin1Char('/') + QLatin1String(file)), file);
        }
        QFile cmakeLists(m_project + QStringLiteral("/CMakeLists.txt"));
        QVERIFY(cmakeLists.open(QIODevice::ReadOnly));
        QVERIFY(cmakeLists.readAll().contains("find_package(Smollama"));

        // A second `new` of the same name must not touch the project.
        const Run again =
            cli({QStringLiteral("plugin"), QStringLiteral("new"), QStringLiteral("demo_sensor"),
                 QStringLiteral("--dir"), m_work.path()});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(QLatin1String("already exists")), qPrintable(again.err));

        m_build = m_work.filePath(QStringLiteral("demo_sensor-build"));
        const Run configured =
            run(QStringLiteral(SMOLLAMA_CMAKE),
                QStringList{QStringLiteral("-S"), m_project, QStringLiteral("-B"), m_build,
                            QStringLiteral("-DSmollama_DIR=" SMOLLAMA_SDK_PACKAGE_DIR)} +
                    generatorArguments());
        QVERIFY2(configured.exitCode == 0, qPrintable(configured.all()));
        const Run built = run(QStringLiteral(SMOLLAMA_CMAKE),
                              {QStringLiteral("--build"), m_build, QStringLiteral("--parallel")});
        QVERIFY2(built.exitCode == 0, qPrintable(built.all()));
#if defined(__SANITIZE_ADDRESS__)
        // The scaffold's test program is built without the sanitizer, and an uninstrumented
        // program cannot load this build's instrumented core library.
        QSKIP("the scaffold's own test cannot load an AddressSanitizer build of the core");
#endif
        const Run tested =
            run(QStringLiteral(SMOLLAMA_CTEST), {QStringLiteral("--output-on-failure")}, m_build);
        QVERIFY2(tested.exitCode == 0, qPrintable(tested.all()));
        QVERIFY2(tested.out.contains(QLatin1String("100% tests passed")), qPrintable(tested.out));
    }

    void installFromGitListAndUninstall()
    {
        if (m_build.isEmpty()) {
            QSKIP("needs the scaffolded project");
        }
        // The project as a git repository, installed by URL.
        const QString git = QStandardPaths::findExecutable(QStringLiteral("git"));
        QVERIFY(!git.isEmpty());
        QCOMPARE(run(git, {QStringLiteral("init"), QStringLiteral("-q")}, m_project).exitCode, 0);
        QCOMPARE(run(git, {QStringLiteral("add"), QStringLiteral("-A")}, m_project).exitCode, 0);
        QCOMPARE(run(git,
                     {QStringLiteral("-c"), QStringLiteral("user.name=Test"), QStringLiteral("-c"),
                      QStringLiteral("user.email=test@example.org"), QStringLiteral("commit"),
                      QStringLiteral("-qm"), QStringLiteral("demo")},
                     m_project)
                     .exitCode,
                 0);
        const QString commit =
            run(git, {QStringLiteral("rev-parse"), QStringLiteral("HEAD")}, m_project)
                .out.trimmed();

        const QString url = QStringLiteral("file://") + m_project;
        const Run installed = cli({QStringLiteral("plugin"), QStringLiteral("install"), url});
        QVERIFY2(installed.exitCode == 0, qPrintable(installed.all()));
        for (const char *stepText :
             {"Cloning", "Configuring", "building: 100%", "Validating", "Installing"}) {
            QVERIFY2(installed.out.contains(QLatin1String(stepText)), stepText);
        }
        // Not enabled: the snippet to add is printed, the config is not touched.
        QVERIFY2(installed.out.contains(QLatin1String("- name: demo_sensor")),
                 qPrintable(installed.out));
        QVERIFY(installed.out.contains(QLatin1String("demo_value: 21.5")));
        QVERIFY(!QFileInfo::exists(QDir::homePath() + QStringLiteral("/.smollama/config.yaml")));

        const QString dir = pluginsDir() + QStringLiteral("/demo_sensor");
        QVERIFY(QFileInfo::exists(dir + QStringLiteral("/libsmollama_demo_sensor.so")));
        QFile originFile(dir + QStringLiteral("/origin.json"));
        QVERIFY(originFile.open(QIODevice::ReadOnly));
        const QJsonObject origin = QJsonDocument::fromJson(originFile.readAll()).object();
        QCOMPARE(origin.value(QLatin1String("source")).toString(), url);
        QCOMPARE(origin.value(QLatin1String("commit")).toString(), commit);
        QVERIFY(!origin.value(QLatin1String("installedAt")).toString().isEmpty());

        QJsonObject row = listed(QStringLiteral("demo_sensor"));
        QCOMPARE(row.value(QLatin1String("status")).toString(), QStringLiteral("disabled"));
        QCOMPARE(row.value(QLatin1String("path")).toString(),
                 dir + QStringLiteral("/libsmollama_demo_sensor.so"));

        // The same name again needs --force; nothing changes without it.
        const QStringList before = snapshot();
        const Run collision = cli({QStringLiteral("plugin"), QStringLiteral("install"), m_build});
        QCOMPARE(collision.exitCode, 1);
        QVERIFY2(collision.err.contains(QLatin1String("--force")), qPrintable(collision.err));
        QCOMPARE(snapshot(), before);

        // --force from the built folder, --enable into a config the user wrote by hand.
        const QString configPath = QDir::homePath() + QStringLiteral("/.smollama/config.yaml");
        {
            QFile config(configPath);
            QVERIFY(config.open(QIODevice::WriteOnly));
            config.write("# my node\nnode:\n  name: bench  # keep this\nplugins:\n  builtin:\n"
                         "    system: {}\n");
        }
        const Run forced = cli({QStringLiteral("plugin"), QStringLiteral("install"), m_build,
                                QStringLiteral("--force"), QStringLiteral("--enable")});
        QVERIFY2(forced.exitCode == 0, qPrintable(forced.all()));
        {
            QFile config(configPath);
            QVERIFY(config.open(QIODevice::ReadOnly));
            const QByteArray text = config.readAll();
            QVERIFY2(text.startsWith("# my node\nnode:\n  name: bench  # keep this\n"),
                     text.constData());
            QVERIFY2(text.contains("  custom:\n    - name: demo_sensor\n      module: demo_sensor"),
                     text.constData());
        }
        row = listed(QStringLiteral("demo_sensor"));
        QCOMPARE(row.value(QLatin1String("instance")).toString(), QStringLiteral("demo_sensor"));
        QCOMPARE(row.value(QLatin1String("status")).toString(), QStringLiteral("enabled"));
        QCOMPARE(listed(QStringLiteral("system")).value(QLatin1String("status")).toString(),
                 QStringLiteral("enabled"));

        // Loaded for real: set up on its thread, read, torn down (as the node does).
        const Run read = cli({QStringLiteral("readings"), QStringLiteral("--json")});
        QVERIFY2(read.exitCode == 0, qPrintable(read.all()));
        bool found = false;
        const QJsonArray readings = QJsonDocument::fromJson(read.out.toUtf8()).array();
        for (const QJsonValue &r : readings) {
            if (r.toObject().value(QLatin1String("source")).toString() ==
                QLatin1String("demo_sensor:demo")) {
                found = true;
                QCOMPARE(r.toObject().value(QLatin1String("value")).toDouble(), 21.5);
                QCOMPARE(r.toObject().value(QLatin1String("quality")).toString(),
                         QStringLiteral("ok"));
            }
        }
        QVERIFY2(found, qPrintable(read.all()));

        const Run info = cli({QStringLiteral("plugin"), QStringLiteral("info"),
                              QStringLiteral("demo_sensor"), QStringLiteral("--json")});
        QVERIFY2(info.exitCode == 0, qPrintable(info.all()));
        const QJsonObject details = QJsonDocument::fromJson(info.out.toUtf8()).object();
        QCOMPARE(details.value(QLatin1String("defaults"))
                     .toObject()
                     .value(QLatin1String("demo_value"))
                     .toDouble(),
                 21.5);
        QCOMPARE(details.value(QLatin1String("origin"))
                     .toObject()
                     .value(QLatin1String("source"))
                     .toString(),
                 m_build);

        const Run builtin =
            cli({QStringLiteral("plugin"), QStringLiteral("uninstall"), QStringLiteral("system")});
        QCOMPARE(builtin.exitCode, 1);
        QVERIFY2(builtin.err.contains(QLatin1String("builtin")), qPrintable(builtin.err));

        const Run removed = cli(
            {QStringLiteral("plugin"), QStringLiteral("uninstall"), QStringLiteral("demo_sensor")});
        QVERIFY2(removed.exitCode == 0, qPrintable(removed.all()));
        QVERIFY(!QFileInfo::exists(dir));
        QVERIFY(QDir(pluginsDir())
                    .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)
                    .isEmpty());
        // The configured instance now names a plugin that is not there.
        QCOMPARE(listed(QStringLiteral("demo_sensor")).value(QLatin1String("path")).toString(),
                 QString());
    }

    void failedInstallsChangeNothing_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");

        const QString broken = m_work.filePath(QStringLiteral("broken_sensor"));
        QTest::newRow("bad git URL")
            << QStringList{QStringLiteral("file:///nonexistent/smollama/repo.git")}
            << "cannot clone";
        QTest::newRow("no such folder")
            << QStringList{QStringLiteral("/nonexistent/smollama/plugin")} << "does not exist";
        QTest::newRow("build error") << QStringList{broken} << "building";
        QTest::newRow("crash on load") << QStringList{QStringLiteral(SDK_CRASHER_PLUGIN)}
                                       << "the plugin crashed when loaded (signal 6)";
        QTest::newRow("invalid manifest name")
            << QStringList{QStringLiteral(SDK_BADNAME_PLUGIN)} << "name";
        QTest::newRow("name collision")
            << QStringList{QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good")} << "--force";
        QTest::newRow("ref without git")
            << QStringList{QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good"),
                           QStringLiteral("--ref"), QStringLiteral("v1"), QStringLiteral("--force")}
            << "--ref needs a git URL";
    }

    void failedInstallsChangeNothing()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);

        // Something installed already: it must survive every failure.
        if (!QFileInfo::exists(pluginsDir() + QStringLiteral("/fixture_good"))) {
            const Run good = cli({QStringLiteral("plugin"), QStringLiteral("install"),
                                  QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good")});
            QVERIFY2(good.exitCode == 0, qPrintable(good.all()));
        }
        const QString broken = m_work.filePath(QStringLiteral("broken_sensor"));
        if (arguments.contains(broken) && !QFileInfo::exists(broken)) {
            const Run created =
                cli({QStringLiteral("plugin"), QStringLiteral("new"),
                     QStringLiteral("broken_sensor"), QStringLiteral("--dir"), m_work.path()});
            QVERIFY2(created.exitCode == 0, qPrintable(created.all()));
            QFile source(broken + QStringLiteral("/broken_sensorplugin.cpp"));
            QVERIFY(source.open(QIODevice::Append));
            source.write("\nthis is not C++;\n");
        }
        const QStringList before = snapshot();
        QVERIFY(!before.isEmpty());

        const Run r =
            cli(QStringList{QStringLiteral("plugin"), QStringLiteral("install")} + arguments);
        QVERIFY2(!r.crashed, "the CLI itself must not crash");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(message), qPrintable(r.all()));
        QCOMPARE(snapshot(), before);
        QCOMPARE(listed(QStringLiteral("fixture_good")).value(QLatin1String("status")).toString(),
                 QStringLiteral("disabled"));
    }
};

QTEST_GUILESS_MAIN(tst_PluginInstall)
#include "tst_plugininstall.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// The dashboard with 20 sources, offscreen: time to the first frame (goal < 1.5 s) and frame
// times while readings stream in (each source every 100 ms). Prints figures; asserts nothing.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir tmp;
    QStringList sources;
    for (int i = 1; i <= 20; ++i) {
        sources << QStringLiteral("s%1").arg(i, 2, 10, QLatin1Char('0'));
    }
    QFile config(tmp.filePath(QStringLiteral("config.yaml")));
    if (!config.open(QIODevice::WriteOnly)) {
        std::printf("cannot write %s\n", qPrintable(config.fileName()));
        return 1;
    }
    config.write(QStringLiteral("node: {name: bench}\n"
                                "history: {persist: false}\n"
                                "ollama: {url: \"http://127.0.0.1:9\"}\n"
                                "plugins:\n"
                                "  custom:\n"
                                "    - {name: bench, module: fixture_good,\n"
                                "       config: {interval_s: 0.1, value: 20, step: 0.1, "
                                "sources: [%1]}}\n")
                     .arg(sources.join(QLatin1String(", ")))
                     .toUtf8());
    config.close();

    QProcess smollama;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), tmp.path());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    if (!env.contains(QStringLiteral("QT_QUICK_BACKEND"))) {
        env.insert(QStringLiteral("QT_QUICK_BACKEND"), QStringLiteral("software"));
    }
    env.insert(QStringLiteral("SMOLLAMA_BUILTIN_PLUGIN_DIR"), tmp.filePath(QStringLiteral("none")));
    env.insert(QStringLiteral("SMOLLAMA_FIXTURE_LOG"), tmp.filePath(QStringLiteral("log")));
    smollama.setProcessEnvironment(env);
    smollama.setProcessChannelMode(QProcess::SeparateChannels);

    const int streamMs = 5000;
    QElapsedTimer wall;
    wall.start();
    qint64 firstFrameWallMs = -1;
    QByteArray out;
    QObject::connect(&smollama, &QProcess::readyReadStandardOutput, &app, [&] {
        out += smollama.readAllStandardOutput();
        if (firstFrameWallMs < 0 && out.contains("first frame")) {
            firstFrameWallMs = wall.elapsed();
        }
    });
    smollama.start(QStringLiteral(SMOLLAMA_APP),
                   {QStringLiteral("-c"), config.fileName(), QStringLiteral("--plugin-path"),
                    QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good"),
                    QStringLiteral("--frame-stats"), QString::number(streamMs)});
    if (!smollama.waitForStarted()) {
        std::printf("could not start %s\n", SMOLLAMA_APP);
        return 1;
    }
    smollama.waitForFinished(60000);
    out += smollama.readAllStandardOutput();
    std::printf("%s", out.constData());
    std::printf("bench_dashboard: 20 sources (every 100 ms), backend %s: process start to first "
                "frame %lld ms (goal < 1500 ms)\n",
                qPrintable(env.value(QStringLiteral("QT_QUICK_BACKEND"))),
                static_cast<long long>(firstFrameWallMs));
    if (smollama.exitCode() != 0) {
        std::printf("smollama exited with %d:\n%s\n", smollama.exitCode(),
                    smollama.readAllStandardError().constData());
        return 1;
    }
    return 0;
}

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A real Mosquitto broker for tests: `mosquitto -c <generated file>` on a free loopback port,
// stopped by its PID. Under CI=true a missing mosquitto fails the test instead of skipping.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <memory>

#include <pwd.h>
#include <unistd.h>

namespace MqttTest {

inline QString findTool(const QString &name)
{
    QString path = QStandardPaths::findExecutable(name);
    if (path.isEmpty()) {
        path = QStandardPaths::findExecutable(
            name, {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/local/sbin")});
    }
    return path;
}

inline int freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

class Broker
{
public:
    Broker()
        : m_port(freePort())
    {
    }
    ~Broker() { stop(); }

    int port() const { return m_port; }
    QString dir() const { return m_dir.path(); }
    QString path(const QString &name) const { return m_dir.filePath(name); }

    /*! Extra lines for the listener (password_file, acl_file, cafile, ...). */
    void setExtra(const QString &lines) { m_extra = lines; }
    void setPersistence(bool on) { m_persistence = on; }

    /*! Starts the broker; when its port was taken meanwhile (another test picked the same
        free port), tries again on another one, unless the port must stay (a restart). */
    bool start(QString *error)
    {
        for (int attempt = 0; attempt < 5; ++attempt) {
            if (startOnce(error)) {
                m_started = true;
                return true;
            }
            QFile out(path(QStringLiteral("broker.out")));
            out.open(QIODevice::ReadOnly);
            const QString text = log() + QString::fromUtf8(out.readAll());
            if (m_started || !text.contains(QLatin1String("Address already in use"))) {
                return false;
            }
            m_port = freePort();
        }
        return false;
    }

    bool startOnce(QString *error)
    {
        const QString exe = findTool(QStringLiteral("mosquitto"));
        if (exe.isEmpty()) {
            *error = QStringLiteral("mosquitto is not installed: run scripts/install-deps.sh");
            return false;
        }
        QFile conf(path(QStringLiteral("mosquitto.conf")));
        conf.open(QIODevice::WriteOnly | QIODevice::Truncate);
        QString text = QStringLiteral("listener %1 127.0.0.1\n").arg(m_port);
        text += m_extra;
        if (!m_extra.contains(QLatin1String("allow_anonymous"))) {
            text += QStringLiteral("allow_anonymous true\n");
        }
        if (m_persistence) {
            text +=
                QStringLiteral("persistence true\npersistence_location %1/\n").arg(m_dir.path());
        } else {
            text += QStringLiteral("persistence false\n");
        }
        // A file log is flushed line by line (stdout is buffered): tests wait on it.
        text += QStringLiteral("log_dest file %1\nlog_type all\nmax_queued_messages 100000\n")
                    .arg(path(QStringLiteral("broker.log")));
        // Started as root, mosquitto becomes user "mosquitto", who cannot read our files.
        if (const passwd *pw = getpwuid(geteuid())) {
            text += QStringLiteral("user %1\n").arg(QString::fromLocal8Bit(pw->pw_name));
        }
        conf.write(text.toUtf8());
        conf.close();
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        m_process->setStandardOutputFile(path(QStringLiteral("broker.out")), QIODevice::Append);
        m_process->start(exe, {QStringLiteral("-c"), conf.fileName()});
        if (!m_process->waitForStarted(5000)) {
            *error = QStringLiteral("cannot start mosquitto: %1").arg(m_process->errorString());
            return false;
        }
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 10000) {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, quint16(m_port));
            if (probe.waitForConnected(200)) {
                return true;
            }
            if (m_process->state() == QProcess::NotRunning) {
                break;
            }
            QThread::msleep(50);
        }
        *error = QStringLiteral("mosquitto did not listen on %1: %2").arg(m_port).arg(log());
        return false;
    }

    /*! Stops it with SIGTERM (it saves its persistence file), by PID. */
    void stop()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_process->terminate();
            if (!m_process->waitForFinished(5000)) {
                m_process->kill();
                m_process->waitForFinished(2000);
            }
        }
    }

    QString log() const
    {
        QFile f(path(QStringLiteral("broker.log")));
        f.open(QIODevice::ReadOnly);
        return QString::fromUtf8(f.readAll());
    }

private:
    QTemporaryDir m_dir;
    int m_port;
    QString m_extra;
    bool m_persistence = false;
    bool m_started = false; //!< once started, a restart keeps the port
    std::unique_ptr<QProcess> m_process;
};

/*! mosquitto_pub once; false with the error text. */
inline bool publish(int port, const QString &topic, const QByteArray &payload, bool retain = false,
                    const QStringList &extra = {})
{
    QProcess p;
    QStringList args{QStringLiteral("-h"),  QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                     QString::number(port), QStringLiteral("-t"),        topic,
                     QStringLiteral("-q"),  QStringLiteral("1"),         QStringLiteral("-s")};
    if (retain) {
        args << QStringLiteral("-r");
    }
    args << extra;
    p.start(findTool(QStringLiteral("mosquitto_pub")), args);
    p.waitForStarted(5000);
    p.write(payload);
    p.closeWriteChannel();
    return p.waitForFinished(10000) && p.exitCode() == 0;
}

/*! A mosquitto_sub -v collecting "topic payload" lines in the background. */
class Subscriber
{
public:
    bool start(int port, const QStringList &topics, const QStringList &extra = {})
    {
        QStringList args{QStringLiteral("-h"),  QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                         QString::number(port), QStringLiteral("-v"),        QStringLiteral("-q"),
                         QStringLiteral("1")};
        for (const QString &t : topics) {
            args << QStringLiteral("-t") << t;
        }
        args << extra;
        m_process.start(findTool(QStringLiteral("mosquitto_sub")), args);
        return m_process.waitForStarted(5000);
    }
    ~Subscriber()
    {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
    QStringList lines()
    {
        m_buffer += m_process.readAllStandardOutput();
        return QString::fromUtf8(m_buffer).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }
    QStringList linesFor(const QString &topic)
    {
        QStringList out;
        for (const QString &l : lines()) {
            if (l == topic + QStringLiteral(" (null)")) {
                out << QString(); // how mosquitto_sub -v shows an empty payload
            } else if (l.startsWith(topic + QLatin1Char(' '))) {
                out << l.mid(topic.size() + 1);
            } else if (l == topic) {
                out << QString();
            }
        }
        return out;
    }

private:
    QProcess m_process;
    QByteArray m_buffer;
};

} // namespace MqttTest

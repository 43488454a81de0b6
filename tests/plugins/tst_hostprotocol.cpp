// SPDX-License-Identifier: GPL-3.0-or-later
// The messages between the node and a plugin host: readings a hosted plugin publishes reach the
// node as it published them, whatever their values; other messages, and broken ones, are told
// apart from them.
#include "pluginhost/hostprotocol.h"

#include <QCborValue>
#include <QDateTime>
#include <QTest>
#include <QtEndian>

#include <sys/socket.h>
#include <unistd.h>

using namespace Smollama;
using namespace Smollama::HostProtocol;

namespace {

/*! Both ends of a socketpair, closed at the end of the test. */
struct Pair
{
    int fds[2] = {-1, -1};
    Pair() { QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), 0); }
    ~Pair()
    {
        ::close(fds[0]);
        ::close(fds[1]);
    }
};

Reading make(const QString &source, const QVariant &value, const QString &unit = QString(),
             Reading::Quality quality = Reading::Quality::Ok, const QString &message = QString(),
             const QString &node = QString())
{
    Reading r(source, value, unit, QDateTime::fromMSecsSinceEpoch(1764000000123, Qt::UTC));
    r.setQuality(quality);
    r.setMessage(message);
    r.setNode(node);
    return r;
}

void compareReadings(const QList<Reading> &got, const QList<Reading> &sent)
{
    QCOMPARE(got.size(), sent.size());
    for (qsizetype i = 0; i < sent.size(); ++i) {
        QCOMPARE(got[i].source(), sent[i].source());
        QCOMPARE(got[i].value().isValid(), sent[i].value().isValid());
        if (sent[i].value().isValid()) {
            QCOMPARE(got[i].value().toString(), sent[i].value().toString());
            // A number stays a number, a bool a bool, a string a string.
            QCOMPARE(got[i].value().typeId() == QMetaType::QString,
                     sent[i].value().typeId() == QMetaType::QString);
            QCOMPARE(got[i].value().typeId() == QMetaType::Bool,
                     sent[i].value().typeId() == QMetaType::Bool);
        }
        QCOMPARE(got[i].unit(), sent[i].unit());
        QCOMPARE(got[i].timestamp().toMSecsSinceEpoch(), sent[i].timestamp().toMSecsSinceEpoch());
        QCOMPARE(got[i].quality(), sent[i].quality());
        QCOMPARE(got[i].message(), sent[i].message());
        QCOMPARE(got[i].node(), sent[i].node());
    }
}

/*! One frame with \a body as it is, its length header included. */
void writeRaw(int fd, const QByteArray &body)
{
    QByteArray frame(4, Qt::Uninitialized);
    qToBigEndian<quint32>(quint32(body.size()), frame.data());
    frame.append(body);
    QCOMPARE(::write(fd, frame.constData(), size_t(frame.size())), ssize_t(frame.size()));
}

} // namespace

class tst_HostProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void publishedReadingsArriveAsPublished_data()
    {
        QTest::addColumn<QList<Reading>>("readings");
        QTest::newRow("a temperature") << QList<Reading>{make("t", 21.5, QStringLiteral("°C"))};
        QTest::newRow("an integer, a bool and a string") << QList<Reading>{
            make("count", qint64(-42)), make("door", true), make("mode", QStringLiteral("auto"))};
        QTest::newRow("an error reading without a value")
            << QList<Reading>{make("probe", QVariant(), QString(), Reading::Quality::Error,
                                   QStringLiteral("no answer from 0x76 on /dev/i2c-1"))};
        QTest::newRow("another node's, stale, non-ASCII") << QList<Reading>{
            make(QStringLiteral("serre:température_du_sol_de_la_serre_nord"), 8.25,
                 QStringLiteral("°C"), Reading::Quality::Stale, QStringLiteral("vieux de 3 min"),
                 QStringLiteral("gewächshaus"))};
        QList<Reading> many;
        for (int i = 0; i < 1000; ++i) {
            many.append(make(QStringLiteral("flood"), i * 0.5));
        }
        QTest::newRow("a thousand") << many;
    }

    void publishedReadingsArriveAsPublished()
    {
        QFETCH(QList<Reading>, readings);
        Pair pair;
        QVERIFY(writeFrame(pair.fds[0], publishMessage(readings), nullptr));
        FrameReader reader(pair.fds[1]);
        QList<Reading> got;
        int handled = 0;
        reader.setPublishHandler([&](const QList<Reading> &published) {
            got = published;
            ++handled;
        });
        QCborMap message;
        QCOMPARE(reader.next(&message, 2000), FrameReader::Status::Published);
        QCOMPARE(handled, 1);
        QVERIFY(message.isEmpty());
        compareReadings(got, readings);

        // The message is the map {publish: [readings]} that a reader without a handler (and
        // toCbor()) knows.
        const QCborMap asMap{{QStringLiteral("publish"), toCbor(readings)}};
        QCOMPARE(publishMessage(readings), asMap.toCborValue().toCbor());
        compareReadings(readingsFromCbor(toCbor(readings)), readings);
    }

    void otherMessagesAreFramesInTheirOrder()
    {
        Pair pair;
        QCborMap degraded{{QStringLiteral("degraded"), QStringLiteral("bus busy")}};
        QVERIFY(writeFrame(pair.fds[0], publishMessage({make("a", 1.0)}), nullptr));
        QVERIFY(writeFrame(pair.fds[0], degraded, nullptr));
        QVERIFY(writeFrame(pair.fds[0], publishMessage({make("b", 2.0)}), nullptr));
        FrameReader reader(pair.fds[1]);
        QStringList sources;
        reader.setPublishHandler([&](const QList<Reading> &published) {
            for (const Reading &r : published) {
                sources.append(r.source());
            }
        });
        QCborMap message;
        QCOMPARE(reader.next(&message, 2000), FrameReader::Status::Published);
        QCOMPARE(sources, QStringList{QStringLiteral("a")});
        QCOMPARE(reader.next(&message, 2000), FrameReader::Status::Frame);
        QCOMPARE(message, degraded);
        QCOMPARE(reader.next(&message, 2000), FrameReader::Status::Published);
        QCOMPARE(sources, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(reader.next(&message, 0), FrameReader::Status::Timeout);

        // Without a handler (the host's end), a publish message is a frame like any other.
        QVERIFY(writeFrame(pair.fds[0], publishMessage({make("c", 3.0)}), nullptr));
        FrameReader plain(pair.fds[1]);
        QCOMPARE(plain.next(&message, 2000), FrameReader::Status::Frame);
        compareReadings(readingsFromCbor(message.value(QStringLiteral("publish")).toArray()),
                        {make("c", 3.0)});
    }

    void aBrokenPublishMessageIsAnError()
    {
        Pair pair;
        QByteArray body = publishMessage({make("a", 1.0), make("b", 2.0)});
        body.chop(5); // cut inside the second reading
        writeRaw(pair.fds[0], body);
        FrameReader reader(pair.fds[1]);
        int handled = 0;
        reader.setPublishHandler([&](const QList<Reading> &) { ++handled; });
        QCborMap message;
        QCOMPARE(reader.next(&message, 2000), FrameReader::Status::Error);
        QCOMPARE(handled, 0);
        QVERIFY2(reader.errorText().contains(QLatin1String("not a CBOR map")),
                 qPrintable(reader.errorText()));
    }

    void unknownFieldsAreSkipped()
    {
        // A later host may send more per reading: what this node does not know is left out.
        QCborMap reading{{QStringLiteral("s"), QStringLiteral("x")},
                         {QStringLiteral("v"), 4.5},
                         {QStringLiteral("extra"), QCborMap{{QStringLiteral("k"), 1}}},
                         {QStringLiteral("t"), qint64(1764000000123)},
                         {QStringLiteral("q"), QStringLiteral("not a number")}};
        Pair pair;
        writeRaw(pair.fds[0],
                 QCborMap{{QStringLiteral("publish"), QCborArray{reading}}}.toCborValue().toCbor());
        FrameReader reader(pair.fds[1]);
        QList<Reading> got;
        reader.setPublishHandler([&](const QList<Reading> &published) { got = published; });
        QCborMap message;
        QCOMPARE(reader.next(&message, 2000), FrameReader::Status::Published);
        compareReadings(got, {make("x", 4.5)});
    }
};

QTEST_GUILESS_MAIN(tst_HostProtocol)
#include "tst_hostprotocol.moc"

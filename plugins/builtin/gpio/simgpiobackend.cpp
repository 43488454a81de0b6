// SPDX-License-Identifier: GPL-3.0-or-later
#include "simgpiobackend.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QMap>
#include <QMutex>
#include <QMutexLocker>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace Smollama::Internal {

namespace {

// The translation context of this file's messages (docs/translations.md).
class SimGpioTr
{
    Q_DECLARE_TR_FUNCTIONS(GpioPlugin)
};

struct SimLine
{
    bool requested = false;
    bool output = false;
    bool activeLow = false;
    GpioEdge edge = GpioEdge::None;
    QString consumer;
    int level = 0;      // electrical
    QList<int> history; // electrical levels written to the output since it was requested
    int eventWriteFd = -1;
};

struct SimChip
{
    QMap<int, SimLine> lines;
};

// Every simulated chip of the process. Instances run on their own threads, hence the lock.
struct Registry
{
    QMutex mutex;
    QHash<QString, SimChip> chips;
};

Registry &registry()
{
    static Registry instance;
    return instance;
}

constexpr char s_risingByte = 'R';
constexpr char s_fallingByte = 'F';

QString errorText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

void closeFd(int &fd)
{
    if (fd >= 0) {
        ::close(fd);
        fd = -1;
    }
}

} // namespace

SimGpioBackend::SimGpioBackend() = default;

SimGpioBackend::~SimGpioBackend()
{
    releaseAll();
}

QString SimGpioBackend::name() const
{
    return QStringLiteral("sim");
}

QString SimGpioBackend::normalizedChipName(const QString &chip)
{
    if (chip.isEmpty()) {
        return QStringLiteral("gpiochip0");
    }
    if (chip.startsWith(QLatin1String("/dev/"))) {
        return chip.mid(5);
    }
    return chip;
}

GpioStatus SimGpioBackend::open(const QString &chip)
{
    releaseAll();
    m_chip = normalizedChipName(chip);
    m_open = true;
    QMutexLocker lock(&registry().mutex);
    registry().chips[m_chip]; // create it, so chipState() lists it
    return GpioStatus::ok();
}

QString SimGpioBackend::chipName() const
{
    return m_chip;
}

QString SimGpioBackend::chipLabel() const
{
    return QStringLiteral("smollama-sim");
}

int SimGpioBackend::lineCount() const
{
    return s_lineCount;
}

namespace {

// Claims line \a offset of \a chip for \a consumer: the checks and reset every request
// starts with. The registry's mutex must be held.
GpioStatus claimLine(bool open, const QString &chip, int offset, const QString &consumer,
                     QSet<int> &held, SimLine **line)
{
    if (!open || offset < 0 || offset >= SimGpioBackend::s_lineCount) {
        return GpioStatus::error(SimGpioTr::tr("line %1 does not exist").arg(offset));
    }
    SimLine &l = registry().chips[chip].lines[offset];
    if (l.requested) {
        return GpioStatus::busy(l.consumer);
    }
    l = SimLine();
    l.requested = true;
    l.consumer = consumer;
    held.insert(offset);
    *line = &l;
    return GpioStatus::ok();
}

} // namespace

GpioStatus SimGpioBackend::holdForOther(int offset, const QString &consumer)
{
    QMutexLocker lock(&registry().mutex);
    SimLine *claimed = nullptr;
    if (const GpioStatus status = claimLine(m_open, m_chip, offset, consumer, m_held, &claimed);
        !status.isOk()) {
        return status;
    }
    SimLine &line = *claimed;
    return GpioStatus::ok();
}

GpioStatus SimGpioBackend::requestInput(int offset, const QString &consumer, GpioBias bias,
                                        bool activeLow, GpioEdge edge)
{
    QMutexLocker lock(&registry().mutex);
    SimLine *claimed = nullptr;
    if (const GpioStatus status = claimLine(m_open, m_chip, offset, consumer, m_held, &claimed);
        !status.isOk()) {
        return status;
    }
    SimLine &line = *claimed;
    int fds[2] = {-1, -1};
    if (edge != GpioEdge::None && ::pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0) {
        line = SimLine();
        m_held.remove(offset);
        return GpioStatus::error(
            SimGpioTr::tr("cannot create the event pipe of simulated line %1: %2")
                .arg(offset)
                .arg(errorText(errno)));
    }
    line.activeLow = activeLow;
    line.edge = edge;
    // An open input reads what its bias resistor pulls it to; a floating one reads low here.
    line.level = bias == GpioBias::PullUp ? 1 : 0;
    line.eventWriteFd = fds[1];
    if (fds[0] >= 0) {
        m_eventFds.insert(offset, fds[0]);
    }
    return GpioStatus::ok();
}

GpioStatus SimGpioBackend::requestOutput(int offset, const QString &consumer, bool activeLow,
                                         bool on)
{
    QMutexLocker lock(&registry().mutex);
    SimLine *claimed = nullptr;
    if (const GpioStatus status = claimLine(m_open, m_chip, offset, consumer, m_held, &claimed);
        !status.isOk()) {
        return status;
    }
    SimLine &line = *claimed;
    line.output = true;
    line.activeLow = activeLow;
    line.level = (on != activeLow) ? 1 : 0;
    line.history.append(line.level);
    return GpioStatus::ok();
}

GpioStatus SimGpioBackend::value(int offset, bool *on)
{
    QMutexLocker lock(&registry().mutex);
    if (!m_held.contains(offset)) {
        return GpioStatus::error(SimGpioTr::tr("line %1 is not requested").arg(offset));
    }
    const SimLine &line = registry().chips[m_chip].lines[offset];
    *on = (line.level != 0) != line.activeLow;
    return GpioStatus::ok();
}

GpioStatus SimGpioBackend::setValue(int offset, bool on)
{
    QMutexLocker lock(&registry().mutex);
    if (!m_held.contains(offset)) {
        return GpioStatus::error(SimGpioTr::tr("line %1 is not requested").arg(offset));
    }
    SimLine &line = registry().chips[m_chip].lines[offset];
    if (!line.output) {
        return GpioStatus::error(SimGpioTr::tr("line %1 is not an output").arg(offset));
    }
    line.level = (on != line.activeLow) ? 1 : 0;
    line.history.append(line.level);
    return GpioStatus::ok();
}

GpioStatus SimGpioBackend::drive(int offset, bool on)
{
    QMutexLocker lock(&registry().mutex);
    if (!m_held.contains(offset)) {
        return GpioStatus::error(SimGpioTr::tr("line %1 is not requested").arg(offset));
    }
    SimLine &line = registry().chips[m_chip].lines[offset];
    if (line.output) {
        return GpioStatus::error(SimGpioTr::tr("line %1 is not an input").arg(offset));
    }
    const bool was = (line.level != 0) != line.activeLow;
    line.level = (on != line.activeLow) ? 1 : 0;
    if (was == on || line.eventWriteFd < 0) {
        return GpioStatus::ok();
    }
    const bool wanted = line.edge == GpioEdge::Both || (on && line.edge == GpioEdge::Rising) ||
                        (!on && line.edge == GpioEdge::Falling);
    if (wanted) {
        const char byte = on ? s_risingByte : s_fallingByte;
        if (::write(line.eventWriteFd, &byte, 1) != 1) {
            return GpioStatus::error(
                SimGpioTr::tr("queueing the edge event of simulated line %1 failed: %2")
                    .arg(offset)
                    .arg(errorText(errno)));
        }
    }
    return GpioStatus::ok();
}

int SimGpioBackend::eventFd(int offset) const
{
    return m_eventFds.value(offset, -1);
}

GpioStatus SimGpioBackend::readEvents(int offset, QList<GpioEvent> *events)
{
    const int fd = m_eventFds.value(offset, -1);
    if (fd < 0) {
        return GpioStatus::error(
            SimGpioTr::tr("line %1 was not requested with edge events").arg(offset));
    }
    char buffer[64];
    for (;;) {
        const ssize_t count = ::read(fd, buffer, sizeof buffer);
        if (count > 0) {
            for (ssize_t i = 0; i < count; ++i) {
                events->append(GpioEvent{buffer[i] == s_risingByte});
            }
            continue;
        }
        if (count < 0 && errno == EINTR) {
            continue;
        }
        if (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
            return GpioStatus::error(SimGpioTr::tr("reading events of line %1 failed: %2")
                                         .arg(offset)
                                         .arg(errorText(errno)));
        }
        return GpioStatus::ok();
    }
}

void SimGpioBackend::releaseAll()
{
    if (m_open) {
        QMutexLocker lock(&registry().mutex);
        SimChip &chip = registry().chips[m_chip];
        for (int offset : std::as_const(m_held)) {
            SimLine &line = chip.lines[offset];
            line.requested = false;
            line.consumer.clear();
            closeFd(line.eventWriteFd);
        }
    }
    for (int fd : std::as_const(m_eventFds)) {
        ::close(fd);
    }
    m_eventFds.clear();
    m_held.clear();
    m_open = false;
}

QJsonObject SimGpioBackend::chipState(const QString &chip)
{
    const QString name = normalizedChipName(chip);
    QMutexLocker lock(&registry().mutex);
    QJsonObject lines;
    const auto found = registry().chips.constFind(name);
    if (found != registry().chips.constEnd()) {
        for (auto it = found->lines.constBegin(); it != found->lines.constEnd(); ++it) {
            const SimLine &line = it.value();
            QJsonArray history;
            for (int level : line.history) {
                history.append(level);
            }
            lines.insert(QString::number(it.key()),
                         QJsonObject{
                             {QStringLiteral("requested"), line.requested},
                             {QStringLiteral("consumer"), line.consumer},
                             {QStringLiteral("direction"),
                              line.output ? QStringLiteral("output") : QStringLiteral("input")},
                             {QStringLiteral("active_low"), line.activeLow},
                             {QStringLiteral("level"), line.level},
                             {QStringLiteral("history"), history},
                         });
        }
    }
    return {{QStringLiteral("chip"), name},
            {QStringLiteral("label"), QStringLiteral("smollama-sim")},
            {QStringLiteral("lines"), lines}};
}

} // namespace Smollama::Internal

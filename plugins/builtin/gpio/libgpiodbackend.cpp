// SPDX-License-Identifier: GPL-3.0-or-later
#include "libgpiodbackend.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <gpiod.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>

namespace Smollama::Internal {

namespace {

// The translation context of this file's messages (docs/translations.md).
class GpioBackendTr
{
    Q_DECLARE_TR_FUNCTIONS(GpioPlugin)
};

// Labels of the chip behind the Raspberry Pi's 40-pin header, most likely first.
const char *const s_piLabels[] = {"pinctrl-bcm2711", "pinctrl-bcm2835", "pinctrl-rp1"};

// The events one readEvents() call takes; more stay pending and the fd stays readable.
constexpr unsigned int s_maxEvents = 16;

QString errorText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// /dev/gpiochip* in numeric order (gpiochip2 before gpiochip10).
QStringList chipPaths()
{
    QStringList names =
        QDir(QStringLiteral("/dev"))
            .entryList({QStringLiteral("gpiochip*")}, QDir::System | QDir::Files | QDir::Readable |
                                                          QDir::Writable | QDir::NoDotAndDotDot);
    if (names.isEmpty()) {
        // Present but not readable: list them anyway so open() can say "permission denied".
        names = QDir(QStringLiteral("/dev"))
                    .entryList({QStringLiteral("gpiochip*")}, QDir::System | QDir::Files);
    }
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        return a.mid(8).toInt() < b.mid(8).toInt(); // after "gpiochip"
    });
    QStringList paths;
    for (const QString &name : std::as_const(names)) {
        paths.append(QStringLiteral("/dev/") + name);
    }
    return paths;
}

// The label of the chip at \a path; empty when it cannot be opened.
QString labelOf(const QString &path)
{
    gpiod_chip *chip = gpiod_chip_open(QFile::encodeName(path).constData());
    if (!chip) {
        return {};
    }
    const QString label = QString::fromLocal8Bit(gpiod_chip_label(chip));
    gpiod_chip_close(chip);
    return label;
}

// "gpiochip0 (pinctrl-bcm2711), gpiochip1 (raspberrypi-exp-gpio)" for messages.
QString describeChips(const QStringList &paths)
{
    QStringList texts;
    for (const QString &path : paths) {
        const QString label = labelOf(path);
        texts.append(QStringLiteral("%1 (%2)").arg(
            QFileInfo(path).fileName(),
            label.isEmpty() ? GpioBackendTr::tr("cannot open") : label));
    }
    return texts.join(QLatin1String(", "));
}

int requestFlags(GpioBias bias, bool activeLow)
{
    int flags = activeLow ? GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW : 0;
    switch (bias) {
    case GpioBias::None:
        flags |= GPIOD_LINE_REQUEST_FLAG_BIAS_DISABLE;
        break;
    case GpioBias::PullUp:
        flags |= GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP;
        break;
    case GpioBias::PullDown:
        flags |= GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_DOWN;
        break;
    }
    return flags;
}

} // namespace

LibgpiodBackend::LibgpiodBackend() = default;

LibgpiodBackend::~LibgpiodBackend()
{
    releaseAll();
}

QString LibgpiodBackend::name() const
{
    return QStringLiteral("libgpiod");
}

QString LibgpiodBackend::defaultChipPath()
{
    const QStringList paths = chipPaths();
    for (const char *wanted : s_piLabels) {
        for (const QString &path : paths) {
            if (labelOf(path) == QLatin1String(wanted)) {
                return path;
            }
        }
    }
    return QStringLiteral("/dev/gpiochip0");
}

GpioStatus LibgpiodBackend::open(const QString &chip)
{
    releaseAll();

    static const QRegularExpression byName(QStringLiteral("^(?:/dev/)?(gpiochip[0-9]+)$"));
    QString path;
    if (chip.isEmpty()) {
        path = defaultChipPath();
    } else if (const QRegularExpressionMatch m = byName.match(chip); m.hasMatch()) {
        path = QStringLiteral("/dev/") + m.captured(1);
    } else {
        // A label such as "pinctrl-rp1".
        const QStringList paths = chipPaths();
        for (const QString &candidate : paths) {
            if (labelOf(candidate) == chip) {
                path = candidate;
                break;
            }
        }
        if (path.isEmpty()) {
            if (paths.isEmpty()) {
                return {GpioStatus::Code::NoChip,
                        GpioBackendTr::tr("no GPIO chip labelled '%1': this machine has no "
                                          "/dev/gpiochip* (not a Raspberry Pi?)")
                            .arg(chip)};
            }
            return {GpioStatus::Code::UnknownChip,
                    GpioBackendTr::tr("chip: no GPIO chip is labelled '%1'; the chips here are %2 "
                                      "(see gpiodetect)")
                        .arg(chip, describeChips(paths))};
        }
    }

    if (!QFileInfo::exists(path)) {
        const QStringList paths = chipPaths();
        if (!chip.isEmpty() && !paths.isEmpty()) {
            return {GpioStatus::Code::UnknownChip,
                    GpioBackendTr::tr("chip: there is no GPIO chip %1 here; the chips are %2 (see "
                                      "gpiodetect)")
                        .arg(path, describeChips(paths))};
        }
        return {GpioStatus::Code::NoChip,
                GpioBackendTr::tr("no GPIO chip %1 (not a Raspberry Pi?)").arg(path)};
    }

    errno = 0;
    m_chip = gpiod_chip_open(QFile::encodeName(path).constData());
    if (!m_chip) {
        const int error = errno;
        if (error == EACCES || error == EPERM) {
            return GpioStatus::error(
                GpioBackendTr::tr(
                    "cannot open %1: permission denied; add the user smollama runs as "
                    "to the gpio group (sudo usermod -aG gpio $USER, then log in "
                    "again)")
                    .arg(path));
        }
        return GpioStatus::error(
            GpioBackendTr::tr("cannot open GPIO chip %1: %2").arg(path, errorText(error)));
    }
    return GpioStatus::ok();
}

QString LibgpiodBackend::chipName() const
{
    return m_chip ? QString::fromLocal8Bit(gpiod_chip_name(m_chip)) : QString();
}

QString LibgpiodBackend::chipLabel() const
{
    return m_chip ? QString::fromLocal8Bit(gpiod_chip_label(m_chip)) : QString();
}

int LibgpiodBackend::lineCount() const
{
    return m_chip ? static_cast<int>(gpiod_chip_num_lines(m_chip)) : 0;
}

GpioStatus LibgpiodBackend::requestFailed(gpiod_line *line, int offset, int error)
{
    if (error == EBUSY) {
        // libgpiod caches line info: refresh it to learn who holds the line now.
        gpiod_line_update(line);
        const char *consumer = gpiod_line_consumer(line);
        return GpioStatus::busy(consumer ? QString::fromLocal8Bit(consumer) : QString());
    }
    if (error == EINVAL) {
        return GpioStatus::error(
            GpioBackendTr::tr("the kernel refused the request for line %1 (%2); pull and "
                              "active_low settings need Linux 5.5 or newer")
                .arg(offset)
                .arg(errorText(error)));
    }
    return GpioStatus::error(
        GpioBackendTr::tr("requesting line %1 failed: %2").arg(offset).arg(errorText(error)));
}

GpioStatus LibgpiodBackend::requestInput(int offset, const QString &consumer, GpioBias bias,
                                         bool activeLow, GpioEdge edge)
{
    if (!m_chip) {
        return GpioStatus::error(GpioBackendTr::tr("no GPIO chip is open"));
    }
    gpiod_line *line = gpiod_chip_get_line(m_chip, static_cast<unsigned int>(offset));
    if (!line) {
        return GpioStatus::error(
            GpioBackendTr::tr("line %1 does not exist: %2").arg(offset).arg(errorText(errno)));
    }
    const QByteArray name = consumer.toLocal8Bit();
    const int flags = requestFlags(bias, activeLow);
    errno = 0;
    int rc = -1;
    switch (edge) {
    case GpioEdge::None:
        rc = gpiod_line_request_input_flags(line, name.constData(), flags);
        break;
    case GpioEdge::Rising:
        rc = gpiod_line_request_rising_edge_events_flags(line, name.constData(), flags);
        break;
    case GpioEdge::Falling:
        rc = gpiod_line_request_falling_edge_events_flags(line, name.constData(), flags);
        break;
    case GpioEdge::Both:
        rc = gpiod_line_request_both_edges_events_flags(line, name.constData(), flags);
        break;
    }
    if (rc < 0) {
        return requestFailed(line, offset, errno);
    }
    m_lines.insert(offset, line);
    return GpioStatus::ok();
}

GpioStatus LibgpiodBackend::requestOutput(int offset, const QString &consumer, bool activeLow,
                                          bool on)
{
    if (!m_chip) {
        return GpioStatus::error(GpioBackendTr::tr("no GPIO chip is open"));
    }
    gpiod_line *line = gpiod_chip_get_line(m_chip, static_cast<unsigned int>(offset));
    if (!line) {
        return GpioStatus::error(
            GpioBackendTr::tr("line %1 does not exist: %2").arg(offset).arg(errorText(errno)));
    }
    const QByteArray name = consumer.toLocal8Bit();
    errno = 0;
    // The default value is logical: with ACTIVE_LOW the kernel drives the inverse.
    if (gpiod_line_request_output_flags(line, name.constData(),
                                        activeLow ? GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW : 0,
                                        on ? 1 : 0) < 0) {
        return requestFailed(line, offset, errno);
    }
    m_lines.insert(offset, line);
    return GpioStatus::ok();
}

GpioStatus LibgpiodBackend::requested(int offset, gpiod_line **line) const
{
    *line = m_lines.value(offset, nullptr);
    if (!*line) {
        return GpioStatus::error(GpioBackendTr::tr("line %1 is not requested").arg(offset));
    }
    return GpioStatus::ok();
}

GpioStatus LibgpiodBackend::value(int offset, bool *on)
{
    gpiod_line *line = nullptr;
    if (GpioStatus status = requested(offset, &line); !status.isOk()) {
        return status;
    }
    errno = 0;
    const int value = gpiod_line_get_value(line);
    if (value < 0) {
        return GpioStatus::error(
            GpioBackendTr::tr("reading line %1 failed: %2").arg(offset).arg(errorText(errno)));
    }
    *on = value != 0;
    return GpioStatus::ok();
}

GpioStatus LibgpiodBackend::setValue(int offset, bool on)
{
    gpiod_line *line = nullptr;
    if (GpioStatus status = requested(offset, &line); !status.isOk()) {
        return status;
    }
    errno = 0;
    if (gpiod_line_set_value(line, on ? 1 : 0) < 0) {
        return GpioStatus::error(
            GpioBackendTr::tr("setting line %1 failed: %2").arg(offset).arg(errorText(errno)));
    }
    return GpioStatus::ok();
}

int LibgpiodBackend::eventFd(int offset) const
{
    gpiod_line *line = m_lines.value(offset, nullptr);
    return line ? gpiod_line_event_get_fd(line) : -1;
}

GpioStatus LibgpiodBackend::readEvents(int offset, QList<GpioEvent> *events)
{
    gpiod_line *line = nullptr;
    if (GpioStatus status = requested(offset, &line); !status.isOk()) {
        return status;
    }
    // The event fd blocks when empty; look first so a spurious wake-up never hangs the thread.
    const timespec noWait{0, 0};
    errno = 0;
    const int pending = gpiod_line_event_wait(line, &noWait);
    if (pending < 0) {
        return GpioStatus::error(GpioBackendTr::tr("waiting for events of line %1 failed: %2")
                                     .arg(offset)
                                     .arg(errorText(errno)));
    }
    if (pending == 0) {
        return GpioStatus::ok();
    }
    gpiod_line_event buffer[s_maxEvents];
    errno = 0;
    const int count = gpiod_line_event_read_multiple(line, buffer, s_maxEvents);
    if (count < 0) {
        return GpioStatus::error(GpioBackendTr::tr("reading events of line %1 failed: %2")
                                     .arg(offset)
                                     .arg(errorText(errno)));
    }
    for (int i = 0; i < count; ++i) {
        events->append(GpioEvent{buffer[i].event_type == GPIOD_LINE_EVENT_RISING_EDGE});
    }
    return GpioStatus::ok();
}

void LibgpiodBackend::releaseAll()
{
    for (gpiod_line *line : std::as_const(m_lines)) {
        gpiod_line_release(line);
    }
    m_lines.clear();
    if (m_chip) {
        gpiod_chip_close(m_chip);
        m_chip = nullptr;
    }
}

} // namespace Smollama::Internal

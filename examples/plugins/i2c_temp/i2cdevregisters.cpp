// SPDX-License-Identifier: GPL-3.0-or-later
#include "i2cdevregisters.h"

#include <fcntl.h>
#include <linux/i2c-dev.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace Smollama::I2cTemp {

namespace {

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

I2cDevRegisters::I2cDevRegisters(int bus, int address)
    : m_bus(bus)
    , m_address(address)
{
}

I2cDevRegisters::~I2cDevRegisters()
{
    close();
}

QString I2cDevRegisters::devicePath(int bus)
{
    return QStringLiteral("/dev/i2c-%1").arg(bus);
}

bool I2cDevRegisters::open(QString *error)
{
    close();
    const QByteArray path = devicePath(m_bus).toLocal8Bit();
    m_fd = ::open(path.constData(), O_RDWR | O_CLOEXEC);
    if (m_fd < 0) {
        const int e = errno;
        *error = QStringLiteral("cannot open %1: %2").arg(devicePath(m_bus), errnoText(e)) +
                 (e == EACCES ? QStringLiteral("; add the user to the i2c group: sudo usermod "
                                               "-aG i2c $USER, then log in again")
                              : QString());
        return false;
    }
    // Every following read()/write() on this descriptor talks to this 7-bit address.
    if (::ioctl(m_fd, I2C_SLAVE, m_address) < 0) {
        const int e = errno;
        *error = QStringLiteral("cannot select I2C address 0x%1 on %2: %3")
                     .arg(m_address, 2, 16, QLatin1Char('0'))
                     .arg(devicePath(m_bus), errnoText(e));
        close();
        return false;
    }
    return true;
}

void I2cDevRegisters::close()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

std::optional<QByteArray> I2cDevRegisters::read(quint8 reg, int count, QString *error)
{
    if (m_fd < 0) {
        *error = QStringLiteral("%1 is not open").arg(devicePath(m_bus));
        return std::nullopt;
    }
    // Set the register pointer, then read: the chip returns consecutive registers.
    if (::write(m_fd, &reg, 1) != 1) {
        const int e = errno;
        *error = QStringLiteral("no answer from address 0x%1 on %2 (%3): check the wiring "
                                "and the address (i2cdetect -y %4)")
                     .arg(m_address, 2, 16, QLatin1Char('0'))
                     .arg(devicePath(m_bus), errnoText(e))
                     .arg(m_bus);
        return std::nullopt;
    }
    QByteArray bytes(count, '\0');
    const ssize_t n = ::read(m_fd, bytes.data(), static_cast<size_t>(count));
    if (n != count) {
        const int e = errno;
        *error = QStringLiteral("reading %1 bytes from register 0x%2 failed: %3")
                     .arg(count)
                     .arg(reg, 2, 16, QLatin1Char('0'))
                     .arg(n < 0 ? errnoText(e) : QStringLiteral("short read"));
        return std::nullopt;
    }
    return bytes;
}

bool I2cDevRegisters::write(quint8 reg, quint8 value, QString *error)
{
    if (m_fd < 0) {
        *error = QStringLiteral("%1 is not open").arg(devicePath(m_bus));
        return false;
    }
    const quint8 buffer[2] = {reg, value};
    if (::write(m_fd, buffer, 2) != 2) {
        const int e = errno;
        *error = QStringLiteral("writing register 0x%1 failed: %2")
                     .arg(reg, 2, 16, QLatin1Char('0'))
                     .arg(errnoText(e));
        return false;
    }
    return true;
}

} // namespace Smollama::I2cTemp

// SPDX-License-Identifier: GPL-3.0-or-later
#include "gpiobackend.h"

#ifdef SMOLLAMA_HAVE_LIBGPIOD
#include "libgpiodbackend.h"
#endif

namespace Smollama::Internal {

bool GpioBackend::hasLibgpiod()
{
#ifdef SMOLLAMA_HAVE_LIBGPIOD
    return true;
#else
    return false;
#endif
}

std::unique_ptr<GpioBackend> GpioBackend::createLibgpiod()
{
#ifdef SMOLLAMA_HAVE_LIBGPIOD
    return std::make_unique<LibgpiodBackend>();
#else
    return nullptr;
#endif
}

} // namespace Smollama::Internal

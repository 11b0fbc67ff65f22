module.exports = {
  docs: [
    {
      type: "category",
      label: "Getting Started",
      link: {
        type: "doc",
        id: "intro",
      },
      collapsed: false,
      items: [
        "hardware",
        "faq",
        "user-setup",
        "customization",
        "zmk-cli",
        {
          type: "category",
          label: "Troubleshooting",
          link: {
            type: "doc",
            id: "troubleshooting/index",
          },
          collapsed: true,
          items: [
            "troubleshooting/building-issues",
            "troubleshooting/flashing-issues",
            "troubleshooting/connection-issues",
            "troubleshooting/hardware-issues",
          ],
        },
      ],
    },
    {
      Features: [
        "features/bluetooth",
        "features/modules",
        "features/split-keyboards",
        "features/debouncing",
        "features/battery",
        "features/led-indicators",
        "features/low-power-states",
        "features/encoders",
        "features/pointing",
        "features/displays",
        "features/lighting",
        "features/studio",
      ],
    },
    {
      type: "category",
      label: "Keymaps",
      link: {
        type: "doc",
        id: "keymaps/index",
      },
      collapsed: true,
      items: [
        {
          type: "category",
          label: "Behaviors",
          link: {
            type: "doc",
            id: "keymaps/behaviors/index",
          },
          collapsed: true,
          items: [
            "keymaps/behaviors/key-press",
            "keymaps/behaviors/layers",
            "keymaps/behaviors/hold-tap",
            "keymaps/behaviors/mod-morph",
            "keymaps/behaviors/macros",
            "keymaps/behaviors/sticky-key",
            "keymaps/behaviors/tap-dance",
            "keymaps/behaviors/caps-word",
            "keymaps/behaviors/bluetooth",
            "keymaps/behaviors/outputs",
            "keymaps/behaviors/soft-off",
          ],
        },
        "keymaps/modifiers",
        "keymaps/combos",
        "keymaps/conditional-layers",
      ],
    },
    {
      type: "category",
      label: "Configuration",
      link: {
        type: "doc",
        id: "config/index",
      },
      collapsed: true,
      items: [
        "config/battery",
        "config/bluetooth",
        "config/kscan",
        "config/split",
      ],
    },
    {
      type: "category",
      label: "Hardware Integration",
      link: {
        type: "doc",
        id: "hardware-integration/index",
      },
      collapsed: true,
      items: [
        "hardware-integration/new-board",
        "hardware-integration/new-shield",
        "hardware-integration/physical-layouts",
        "hardware-integration/hardware-metadata-files",
        "hardware-integration/pinctrl",
        "hardware-integration/dongle",
        "hardware-integration/shift-registers",
        "hardware-integration/encoders",
        "hardware-integration/soft-off-setup",
        "hardware-integration/pointing",
        "hardware-integration/battery",
        {
          type: "category",
          label: "Bootloader",
          link: {
            type: "doc",
            id: "hardware-integration/bootloader/index",
          },
          collapsed: true,
          items: [
            "hardware-integration/bootloader/adafruit-nrf52",
            "hardware-integration/bootloader/tinyuf2",
            "hardware-integration/bootloader/samd21-uf2",
            "hardware-integration/bootloader/rp2",
            "hardware-integration/bootloader/stm32",
          ],
        },
        {
          type: "category",
          label: "Lighting",
          link: {
            type: "doc",
            id: "hardware-integration/lighting/index",
          },
          collapsed: true,
          items: [
            "hardware-integration/lighting/underglow",
            "hardware-integration/lighting/backlight",
            "hardware-integration/lighting/led-indicators",
          ],
        },
      ],
    },
    {
      Development: [
        {
          type: "category",
          label: "Local Toolchain",
          collapsed: true,
          items: [
            {
              type: "category",
              label: "Setup",
              link: {
                type: "doc",
                id: "development/local-toolchain/setup/index",
              },
              collapsed: true,
              items: [
                "development/local-toolchain/setup/container",
                "development/local-toolchain/setup/native",
              ],
            },
            "development/local-toolchain/build-flash",
          ],
        },
        "development/usb-logging",
        "development/devicetree",
      ],
    },
  ],
};

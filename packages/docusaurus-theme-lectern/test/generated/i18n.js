const iN = { defaultLocale: "en", locales: ["en", "fr"], currentLocale: "fr", localeConfigs: {} };
export default iN;

import { useActiveDocContext, useDocsVersion, useVersions } from "@docusaurus/plugin-content-docs/client";
import { useLecternThemeConfig } from "./config";

export type PersonalizedVersion =
  | { personalized: true }
  /** This page is of another docs version than Lectern indexes: where the same page is in that one. */
  | { personalized: false; label: string; path: string };

/**
 * Whether the doc being read is of the version Lectern indexes (`themeConfig.lectern.personalizedVersion`,
 * default the docs' last version). Lectern's links all point into that version, so on another
 * version's pages "For you" would send the reader into a different version: the theme says so instead.
 * Doc pages only.
 */
export function usePersonalizedVersion(): PersonalizedVersion {
  const { personalizedVersion } = useLecternThemeConfig();
  const current = useDocsVersion();
  const versions = useVersions(current.pluginId);
  const { alternateDocVersions } = useActiveDocContext(current.pluginId);
  const target = versions.find((version) => (personalizedVersion ? version.name === personalizedVersion : version.isLast));
  if (!target || target.name === current.version) return { personalized: true };
  const samePage = alternateDocVersions[target.name];
  const mainDoc = target.docs.find((doc) => doc.id === target.mainDocId);
  return { personalized: false, label: target.label, path: samePage?.path ?? mainDoc?.path ?? target.path };
}

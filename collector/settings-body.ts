// The analytics.js settings that let the unmodified browser SDK load from Switchyard and send events here.
export function settingsBody(writeKey: string, publicUrl: string) {
  const url = new URL(publicUrl);
  const path = url.pathname.replace(/\/+$/, "");
  return {
    integrations: {
      "Segment.io": {
        apiKey: writeKey,
        apiHost: `${url.host}${path}/v1`,
        protocol: url.protocol.replace(":", ""),
        unbundledIntegrations: [],
        addBundledMetadata: true,
        maybeBundledConfigIds: {},
      },
    },
    plan: {
      track: { __default: { enabled: true, integrations: {} } },
      identify: { __default: { enabled: true } },
      group: { __default: { enabled: true } },
    },
    edgeFunction: {},
    analyticsNextEnabled: true,
    middlewareSettings: {},
    enabledMiddleware: {},
    metrics: { sampleRate: 0 },
    legacyVideoPluginsEnabled: false,
    remotePlugins: [],
  };
}

/**
 * The PromQL that Flagger runs for its two built-in metrics, per mesh or ingress provider.
 * Written from the metric names, labels and arithmetic that fluxcd/flagger's observers query
 * (pkg/metrics/observers/*.go): `request-success-rate` is the percent of non-5xx requests,
 * `request-duration` the p99 (or the mean, where the provider has no histogram) in milliseconds.
 */

/** What Flagger fills into a query (its MetricTemplateModel). */
export interface FlaggerModel {
  name: string;
  namespace: string;
  target: string;
  service: string;
  ingress: string;
  route: string;
  interval: string;
  variables: Record<string, string>;
}

export interface BuiltinQueries {
  provider: string;
  successRate: string;
  /** Milliseconds. */
  duration: string;
}

type Shape = (m: FlaggerModel) => {
  requests: string;
  selector: string;
  errorLabel: string;
  errorPattern: string;
  duration: string;
};

const rate = (metric: string, selector: string, interval: string) => `rate(${metric}{${selector}}[${interval}])`;
const p99 = (bucket: string, selector: string, interval: string) =>
  `histogram_quantile(0.99, sum(${rate(bucket, selector, interval)}) by (le))`;
const meanMs = (base: string, selector: string, interval: string, toMs: number) =>
  `sum(${rate(`${base}_sum`, selector, interval)}) / sum(${rate(`${base}_count`, selector, interval)})${toMs === 1 ? '' : ` * ${toMs}`}`;

/** Every Envoy-based provider (App Mesh, Contour, Gloo, Kuma) queries the same Envoy cluster metrics. */
const envoy = (sel: string, interval: string): ReturnType<Shape> => ({
  requests: 'envoy_cluster_upstream_rq',
  selector: sel,
  errorLabel: 'envoy_response_code',
  errorPattern: '5.*',
  duration: p99('envoy_cluster_upstream_rq_time_bucket', sel, interval),
});

const SHAPES: Record<string, Shape> = {
  istio: (m) => {
    const sel = `reporter="destination", destination_workload_namespace="${m.namespace}", destination_workload=~"${m.target}"`;
    return {
      requests: 'istio_requests_total',
      selector: sel,
      errorLabel: 'response_code',
      errorPattern: '5.*',
      duration: p99('istio_request_duration_milliseconds_bucket', sel, m.interval),
    };
  },
  linkerd: (m) => {
    const sel = `namespace="${m.namespace}", deployment=~"${m.target}", direction="inbound"`;
    // Linkerd classifies each response; a failure is what it counts as an error.
    return {
      requests: 'response_total',
      selector: sel,
      errorLabel: 'classification',
      errorPattern: 'failure',
      duration: p99('response_latency_ms_bucket', sel, m.interval),
    };
  },
  appmesh: (m) => {
    const sel = `kubernetes_namespace="${m.namespace}", kubernetes_pod_name=~"${m.target}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)"`;
    return envoy(sel, m.interval);
  },
  nginx: (m) => {
    const sel = `namespace="${m.namespace}", ingress="${m.ingress}", canary!=""`;
    return {
      requests: 'nginx_ingress_controller_requests',
      selector: sel,
      errorLabel: 'status',
      errorPattern: '5.*',
      duration: meanMs('nginx_ingress_controller_response_duration_seconds', sel, m.interval, 1000),
    };
  },
  contour: (m) => {
    const sel = `envoy_cluster_name=~"${m.namespace}_${m.service}-canary_[0-9a-zA-Z-]+"`;
    return envoy(sel, m.interval);
  },
  gloo: (m) => {
    const sel = `envoy_cluster_name=~"${m.namespace}-${m.target}-canaryupstream-[0-9a-zA-Z-]+_[0-9a-zA-Z-]+"`;
    return envoy(sel, m.interval);
  },
  kuma: (m) => {
    const sel = `service=~"${m.target}-canary_${m.namespace}_svc_[0-9a-zA-Z-]+"`;
    return envoy(sel, m.interval);
  },
  // Gateway API and plain Kubernetes: the app's own http_request_duration_seconds histogram.
  http: (m) => {
    const sel = `kubernetes_namespace="${m.namespace}", kubernetes_pod_name=~"${m.target}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)"`;
    // Seconds in Prometheus; Flagger multiplies by 1000 after the query, we do it inside it.
    return {
      requests: 'http_request_duration_seconds_count',
      selector: sel,
      errorLabel: 'status',
      errorPattern: '5.*',
      duration: `${p99('http_request_duration_seconds_bucket', sel, m.interval)} * 1000`,
    };
  },
  traefik: (m) => {
    const sel = `service=~"${m.namespace}-${m.target}-canary-[0-9a-zA-Z-]+@kubernetescrd"`;
    return {
      requests: 'traefik_service_request_duration_seconds_bucket',
      selector: `${sel}, le="+Inf"`,
      errorLabel: 'code',
      errorPattern: '5..',
      duration: `${p99('traefik_service_request_duration_seconds_bucket', sel, m.interval)} * 1000`,
    };
  },
  osm: (m) => {
    const sel = `destination_namespace="${m.namespace}", destination_kind="Deployment", destination_name="${m.target}"`;
    return {
      requests: 'osm_request_total',
      selector: sel,
      errorLabel: 'response_code',
      errorPattern: '5.*',
      duration: p99('osm_request_duration_ms_bucket', sel, m.interval),
    };
  },
  apisix: (m) => {
    const sel = `route=~"${m.namespace}_${m.route}-${m.target}-canary_.+"`;
    return {
      requests: 'apisix_http_status',
      selector: sel,
      errorLabel: 'code',
      errorPattern: '5..',
      duration: p99('apisix_http_latency_bucket', `type=~"request", ${sel}`, m.interval),
    };
  },
  skipper: (m) => {
    const route = `kube(ew)?_${m.namespace}__${m.ingress}_canary__.*__${m.service}_canary(_[0-9]+)?`;
    const sel = `route=~"${route}"`;
    return {
      requests: 'skipper_response_duration_seconds_bucket',
      selector: `${sel}, le="+Inf"`,
      errorLabel: 'code',
      errorPattern: '5..',
      duration: meanMs('skipper_serve_route_duration_seconds', sel, m.interval, 1000),
    };
  },
  knative: (m) => {
    const sel = `envoy_cluster_name=~"${m.namespace}/${m.route}"`;
    return envoy(sel, m.interval);
  },
};

/**
 * Which query set a Canary's provider gets, as Flagger's observer factory picks it: prefixes for
 * versioned names (`appmesh:v1beta2`, `gloo`, `gatewayapi:v1`), Istio for anything else.
 */
export function observerFor(provider: string | undefined): string {
  const p = (provider ?? '').trim();
  if (p.startsWith('appmesh')) return 'appmesh';
  if (p.startsWith('gloo')) return 'gloo';
  if (p === 'kubernetes' || p.startsWith('gatewayapi')) return 'http';
  if (Object.prototype.hasOwnProperty.call(SHAPES, p) && p !== 'http') return p;
  return 'istio';
}

export function builtinQueries(provider: string | undefined, model: FlaggerModel): BuiltinQueries {
  const observer = observerFor(provider);
  const s = SHAPES[observer](model);
  // Linkerd's error label is an exact classification; the others match 5xx codes by pattern.
  const notError =
    observer === 'linkerd' ? `${s.errorLabel}!="${s.errorPattern}"` : `${s.errorLabel}!~"${s.errorPattern}"`;
  const successRate = `sum(${rate(s.requests, `${s.selector}, ${notError}`, model.interval)}) / sum(${rate(s.requests, s.selector, model.interval)}) * 100`;
  return { provider: observer, successRate, duration: s.duration };
}

// The cluster's executeCommandConfiguration, read the way ECS reads it.
import type { Cluster, ExecuteCommandConfiguration } from '../../facts';

export function execConfiguration(cluster: Cluster): ExecuteCommandConfiguration | undefined {
  return cluster.configuration?.executeCommandConfiguration;
}

/**
 * ECS API reference, ExecuteCommandConfiguration.logging: "If no logging parameter is
 * specified, it defaults to" DEFAULT; a cluster without the configuration behaves the same.
 */
export function loggingMode(cluster: Cluster): 'NONE' | 'DEFAULT' | 'OVERRIDE' {
  const logging = execConfiguration(cluster)?.logging;
  return logging === 'NONE' || logging === 'OVERRIDE' ? logging : 'DEFAULT';
}

/** The S3 and CloudWatch destinations, which ECS uses only with logging OVERRIDE. */
export function overrideDestinations(cluster: Cluster) {
  const config = execConfiguration(cluster);
  if (loggingMode(cluster) !== 'OVERRIDE') return undefined;
  return config?.logConfiguration ?? {};
}

/**
 * Which jobs a file asks for. A file with Rollouts or Canaries analyses those (their templates
 * are looked up in every file given); a file of templates only analyses each template.
 */
import { endpointOf } from '../canary/httpText';
import { SourceError } from '../canary/source';
import type { AnalysisFile, AnalysisJob, JobOptions, JobsResult } from './job';
import { jobForTemplate, jobsForRollout, templateDoc, type TemplateDoc } from './argoJobs';
import { jobForCanary, metricTemplateDoc, type MetricTemplateDoc } from './flaggerJobs';

export function resolveJobs(
  target: AnalysisFile,
  others: readonly AnalysisFile[],
  options: JobOptions = {},
): JobsResult {
  const errors: string[] = [];
  const jobs: AnalysisJob[] = [];
  const all = [target, ...others.filter((o) => o !== target)];
  const templates: TemplateDoc[] = [];
  const metricTemplates: MetricTemplateDoc[] = [];
  for (const source of all) {
    for (const d of source.file.documents) {
      if (d.kind === 'argo-analysis-template') templates.push(templateDoc(source, d));
      else if (d.kind === 'flagger-metric-template') metricTemplates.push(metricTemplateDoc(source, d));
    }
  }
  const own = target.file.documents.filter((d) => options.docIndex === undefined || d.index === options.docIndex);
  const referrers = own.filter((d) => d.kind === 'argo-rollout' || d.kind === 'flagger-canary');
  if (referrers.length > 0) {
    for (const d of referrers) {
      if (d.kind === 'argo-rollout') jobs.push(...jobsForRollout(d, target, templates, options, errors));
      else {
        const job = jobForCanary(d, target, metricTemplates, options, errors);
        if (job) jobs.push(job);
      }
    }
  } else {
    for (const t of templates.filter((t) => t.source === target && own.includes(t.document))) {
      const job = jobForTemplate(t, options, errors);
      if (job) jobs.push(job);
    }
  }
  for (const job of jobs) {
    for (const m of job.metrics) {
      if (m.unsupported) continue;
      try {
        endpointOf(m.address, 'Prometheus');
      } catch (e) {
        if (!(e instanceof SourceError)) throw e;
        errors.push(`${job.path}: ${job.kind} ${job.name}, metric ${m.name}: ${e.message} (or pass --prometheus URL)`);
      }
    }
  }
  if (jobs.length === 0 && errors.length === 0) {
    errors.push(
      `${target.path} holds no AnalysisTemplate, ClusterAnalysisTemplate, Rollout or Flagger Canary to analyse.`,
    );
  }
  return { jobs, errors };
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChainsResponse } from '../../../../src/server/chains/chains.schema.ts';
import { api } from '../../api/client.ts';

export type { ChainsResponse };
export type ChainFilter = {
  from?: string | undefined;
  to?: string | undefined;
  clusterId?: string | undefined;
};

export function useChains(filter: ChainFilter) {
  return useQuery({
    queryKey: ['chains', filter],
    queryFn: () => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(filter)) {
        if (typeof value === 'string' && value !== '') {
          params.set(key, value);
        }
      }
      return api<ChainsResponse>('GET', `/api/v1/chains?${params.toString()}`);
    },
    // A city's chains are megabytes: comparing each refetch with the last one, object by object, costs more
    // than drawing it again.
    structuralSharing: false,
  });
}

export function useEditCluster() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { key: string; name: string; colour: string; version: number }) =>
      api('PATCH', `/api/v1/clusters/${body.key}`, {
        name: body.name,
        colour: body.colour,
        version: body.version,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['chains'] }),
  });
}
